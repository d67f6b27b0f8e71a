using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Parsing;
using Dashboard.Certificates.Trust;
using static Dashboard.Certificates.ProblemCatalog;

namespace Dashboard.Certificates.Validation;

/// <summary>
/// Validates credentials, chains and CA bundles and says precisely what is wrong. Pure and thread-safe: the clock
/// is <paramref name="timeProvider"/>, the trust is <paramref name="trustStore"/> (never the machine's store).
/// Never throws for bad input.
/// </summary>
/// <param name="timeProvider">The clock validity is judged against.</param>
/// <param name="trustStore">The roots chains must end at (usually <see cref="TrustStore.Default"/>).</param>
/// <param name="options">Thresholds; <see cref="ValidationOptions.Default"/> when null.</param>
public sealed class CredentialValidator(TimeProvider timeProvider, TrustStore trustStore, ValidationOptions? options = null)
{
    private const int CaStoreCacheCapacity = 64;

    private readonly ValidationOptions _options = options ?? ValidationOptions.Default;

    // One trust store per distinct CA bundle, so repeated checks against the same bundle (a data plane verifying
    // client certificates, a monitor re-checking) reuse its verified issuer paths.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TrustStore> _caStores = new(StringComparer.Ordinal);

    /// <summary>The trust store chains are verified against.</summary>
    public TrustStore TrustStore => trustStore;

    /// <summary>Validates a credential given as PEM text: the certificate chain (leaf first) and its private key.</summary>
    public CredentialReport ValidateCredential(string? certificatePem, string? privateKeyPem, CredentialPurpose purpose) =>
        ValidateCredential(PemBundle.Parse(certificatePem), PemBundle.Parse(privateKeyPem), purpose);

    /// <summary>Validates a credential given as secret data (bytes of <c>tls.crt</c> and <c>tls.key</c>).</summary>
    public CredentialReport ValidateCredential(ReadOnlySpan<byte> certificateData, ReadOnlySpan<byte> privateKeyData, CredentialPurpose purpose) =>
        ValidateCredential(PemBundle.Parse(certificateData), PemBundle.Parse(privateKeyData), purpose);

    /// <summary>Validates a credential from parsed bundles: exactly one key, a chain whose leaf the key belongs to, trusted, valid now, fit for <paramref name="purpose"/>.</summary>
    public CredentialReport ValidateCredential(PemBundle certificates, PemBundle privateKey, CredentialPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(purpose);
        var problems = new List<CertificateProblem>();
        var key = ReadSingleKey(privateKey, problems);
        var now = timeProvider.GetUtcNow();
        var (path, _) = Analyze(certificates, key?.PublicKey, purpose, trustStore, [], now, problems);
        var credential = !problems.HasErrors() && key is not null && path.Count > 0 ? new ValidatedCredential(purpose, path, key, now) : null;
        return new CredentialReport(purpose, problems, Summaries(certificates), path.Select(CertificateSummary.From), key, credential);
    }

    /// <summary>Validates a certificate chain without its key against the trust store (for example a certificate served on the wire).</summary>
    public ChainReport ValidateChain(string? chainPem, CredentialPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var bundle = PemBundle.Parse(chainPem);
        var problems = new List<CertificateProblem>();
        var (path, trusted) = Analyze(bundle, null, purpose, trustStore, [], timeProvider.GetUtcNow(), problems);
        return new ChainReport(purpose, problems, Summaries(bundle), path.Select(CertificateSummary.From), trusted ? CertificateSummary.From(path[^1]) : null);
    }

    /// <summary>
    /// Checks a CA bundle: CA certificates only, no keys, valid now, no DST Root CA X3, and a self-signed root
    /// present (Envoy and OpenSSL do not accept a chain that stops at an intermediate).
    /// </summary>
    public CaBundleReport ValidateCaBundle(string? caBundlePem)
    {
        var bundle = PemBundle.Parse(caBundlePem);
        var problems = new List<CertificateProblem>(bundle.Problems);
        var now = timeProvider.GetUtcNow();
        var data = CheckCaBundle(bundle, now, problems);
        return new CaBundleReport(problems, data, now);
    }

    /// <summary>
    /// The CA bundle a peer needs to verify <paramref name="credential"/>: its issuing root, taken from the trust
    /// store (never downloaded), optionally preceded by its intermediates for verifiers that are not sent them.
    /// </summary>
    public CaBundleReport CaBundleFor(ValidatedCredential credential, bool includeIntermediates = false)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var certificates = includeIntermediates ? credential.PathData.Skip(1) : [credential.AnchorData];
        return ValidateCaBundle(string.Concat(certificates.Select(c => c.ToPem())));
    }

    /// <summary>
    /// Answers "does CA bundle <paramref name="caBundlePem"/> verify chain <paramref name="chainPem"/> for
    /// <paramref name="purpose"/>?" the way a TLS peer holding the bundle would: the bundle's self-signed roots are
    /// the only anchors, its other CA certificates may serve as intermediates. The report includes the bundle's problems.
    /// </summary>
    public ChainReport VerifyWithCaBundle(string? caBundlePem, string? chainPem, CredentialPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var caBundle = PemBundle.Parse(caBundlePem);
        var chain = PemBundle.Parse(chainPem);
        var caProblems = new List<CertificateProblem>(caBundle.Problems);
        var now = timeProvider.GetUtcNow();
        var caData = CheckCaBundle(caBundle, now, caProblems);
        var problems = caProblems.Select(p => p with { Message = "CA bundle: " + p.Message }).ToList();
        var anchors = caData.Where(c => c.IsSelfSigned).ToList();
        var store = CaStore(anchors);
        var (path, trusted) = Analyze(chain, null, purpose, store, [.. caData.Where(c => !c.IsSelfSigned)], now, problems);
        return new ChainReport(purpose, problems, Summaries(chain), path.Select(CertificateSummary.From), trusted ? CertificateSummary.From(path[^1]) : null);
    }

    private (IReadOnlyList<CertificateData> Path, bool Trusted) Analyze(
        PemBundle bundle, PublicKeyIdentity? key, CredentialPurpose purpose, TrustStore store, IReadOnlyList<CertificateData> extraIntermediates, DateTimeOffset now, List<CertificateProblem> problems)
    {
        problems.AddRange(bundle.Problems);
        if (bundle.PrivateKeys.Count > 0)
        {
            problems.Add(Create(ProblemCodes.UnexpectedPrivateKey, $"The certificate input holds {bundle.PrivateKeys.Count} private key(s) ({bundle.PrivateKeys[0]}); it must hold certificates only."));
        }

        var given = bundle.CertificateData;
        if (given.Count == 0)
        {
            if (!bundle.Problems.Any(p => p.Code is ProblemCodes.InputEmpty or ProblemCodes.InputTooLarge or ProblemCodes.InputNotPem or ProblemCodes.InputDer or ProblemCodes.InputBase64Encoded))
            {
                problems.Add(Create(ProblemCodes.CertificateMissing, "The certificate input holds no certificate."));
            }

            return ([], false);
        }

        if (given.Count > _options.MaxChainCertificates)
        {
            problems.Add(Create(ProblemCodes.TooManyCertificates, $"The chain holds {given.Count} certificates; at most {_options.MaxChainCertificates} are accepted."));
            return ([], false);
        }

        var certs = ChainAnalyzer.Deduplicate(given, problems);
        var leafIndex = ChainAnalyzer.FindLeaf(certs, key, problems);
        var leaf = certs[leafIndex];
        var others = certs.Where((_, i) => i != leafIndex).Concat(extraIntermediates).DistinctBy(c => c.Fingerprint).ToList();
        var outcome = ChainVerifier.Verify(leaf, others, store, now);
        problems.AddRange(outcome.Problems);
        ChainAnalyzer.CheckOrderAndLeftovers(certs, outcome.Path, problems);
        CertificateChecks.CheckTime(outcome.Path, now, _options, problems);
        CertificateChecks.CheckDst(certs, outcome.Path, problems);
        CertificateChecks.CheckStrength(outcome.Path, store, problems);
        CertificateChecks.CheckPurpose(outcome.Path, purpose, problems);
        return (outcome.Path, outcome.Trusted);
    }

    private List<CertificateData> CheckCaBundle(PemBundle bundle, DateTimeOffset now, List<CertificateProblem> problems)
    {
        if (bundle.PrivateKeys.Count > 0)
        {
            problems.Add(Create(ProblemCodes.UnexpectedPrivateKey, $"The CA bundle holds {bundle.PrivateKeys.Count} private key(s); a CA bundle must hold certificates only."));
        }

        if (bundle.Entries.Count == 0)
        {
            if (!bundle.HasErrors)
            {
                problems.Add(Create(ProblemCodes.CertificateMissing, "The CA bundle holds no certificate."));
            }

            return [];
        }

        if (bundle.Entries.Count > _options.MaxCaBundleCertificates)
        {
            problems.Add(Create(ProblemCodes.TooManyCertificates, $"The CA bundle holds {bundle.Entries.Count} certificates; at most {_options.MaxCaBundleCertificates} are accepted."));
            return [];
        }

        var certs = ChainAnalyzer.Deduplicate(bundle.CertificateData, problems);
        foreach (var cert in certs)
        {
            // v1 self-signed roots predate basic constraints; OpenSSL accepts them as CAs, so do we.
            if (cert.IsCa != true && !(cert.Version == 1 && cert.IsSelfSigned))
            {
                problems.Add(Create(ProblemCodes.CaNotCa, $"{cert} in the CA bundle is not a CA certificate (basic constraints cA is not TRUE)."));
            }

            // A bundle has no leaf: each certificate is named for what it is, and no leaf lifetime limit applies.
            CertificateChecks.CheckPeriod(cert, "The CA certificate", now, _options, problems);
        }

        CertificateChecks.CheckDst([], certs, problems);
        CertificateChecks.CheckStrength(certs, TrustStore.FromData([], "none"), problems);
        if (!certs.Any(c => c.IsSelfSigned))
        {
            problems.Add(Create(ProblemCodes.CaBundleNoRoot, $"The CA bundle holds no self-signed root (its certificates: {string.Join("; ", certs.Select(c => c.Subject))})."));
        }

        return certs;
    }

    private TrustStore CaStore(IReadOnlyList<CertificateData> anchors)
    {
        var key = string.Join(',', anchors.Select(a => a.Fingerprint).Order(StringComparer.Ordinal));
        if (_caStores.TryGetValue(key, out var store))
        {
            return store;
        }

        if (_caStores.Count >= CaStoreCacheCapacity)
        {
            _caStores.Clear();
        }

        return _caStores.GetOrAdd(key, _ => TrustStore.FromData(anchors, "the CA bundle's roots"));
    }

    private static PemPrivateKey? ReadSingleKey(PemBundle bundle, List<CertificateProblem> problems)
    {
        problems.AddRange(bundle.Problems.Select(p => p with { Message = "Private key input: " + p.Message }));
        if (bundle.Entries.Count > 0)
        {
            problems.Add(Create(ProblemCodes.UnexpectedCertificate, $"The private key input holds {bundle.Entries.Count} certificate(s) ({bundle.Entries[0]}); they were ignored."));
        }

        if (bundle.PrivateKeys.Count > 1)
        {
            problems.Add(Create(ProblemCodes.KeyMultiple, $"The private key input holds {bundle.PrivateKeys.Count} private keys; exactly one is expected."));
            return null;
        }

        if (bundle.PrivateKeys.Count == 0 && !bundle.HasErrors)
        {
            var hint = bundle.Entries.Count > 0 ? " (it holds a certificate instead: were the key and certificate swapped?)" : "";
            problems.Add(Create(ProblemCodes.KeyMissing, "The private key input holds no private key" + hint + "."));
        }

        return bundle.PrivateKeys.Count == 1 ? bundle.PrivateKeys[0] : null;
    }

    private static IReadOnlyList<CertificateSummary> Summaries(PemBundle bundle) => [.. bundle.Entries.Select(e => e.Summary)];
}
