using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Trust;
using static Dashboard.Certificates.ProblemCatalog;

namespace Dashboard.Certificates.Validation;

/// <summary>The path found from a leaf to a trust anchor, and what is wrong with it (time aside: callers check validity periods).</summary>
/// <param name="Path">Leaf first; the trusted root last when <paramref name="Trusted"/>, otherwise as far as it could be built.</param>
/// <param name="Trusted">True when the path ends at a root of the trust store and has no structural fault.</param>
/// <param name="Problems">Structural faults: untrusted, incomplete, bad signature, issuer not a CA, other.</param>
/// <param name="FastPath">True when the leaf was verified against a cached issuer path instead of a full X509Chain build.</param>
internal sealed record ChainOutcome(IReadOnlyList<CertificateData> Path, bool Trusted, IReadOnlyList<CertificateProblem> Problems, bool FastPath);

/// <summary>
/// Builds and verifies chains with <see cref="X509Chain"/> under a custom root trust store (never the machine's),
/// revocation off and the verification time given, so verdicts are the same on every machine.
/// </summary>
/// <remarks>
/// Fast path: when the leaf's issuer has a cached, fully verified issuer path (see <see cref="IssuerPathCache"/>),
/// the leaf's signature is checked directly with the issuer's key, after the same structural checks X509Chain makes
/// for that last link (issuer is a CA allowed to sign certificates, no unusual critical extension, no name
/// constraints on the path). Anything unusual takes the full X509Chain build, which also produces the messages.
/// </remarks>
internal static class ChainVerifier
{
    private const X509ChainStatusFlags IgnoredStatus =
        X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested | X509ChainStatusFlags.NotValidForUsage
        | X509ChainStatusFlags.CtlNotValidForUsage | X509ChainStatusFlags.RevocationStatusUnknown
        | X509ChainStatusFlags.OfflineRevocation | X509ChainStatusFlags.Revoked;

    public static ChainOutcome Verify(CertificateData leaf, IReadOnlyList<CertificateData> others, TrustStore store, DateTimeOffset time) =>
        TryFastPath(leaf, others, store, time) ?? BuildWithX509Chain(leaf, others, store, time);

    private static ChainOutcome? TryFastPath(CertificateData leaf, IReadOnlyList<CertificateData> others, TrustStore store, DateTimeOffset time)
    {
        if (store.Contains(leaf))
        {
            return new ChainOutcome([store.RootData.First(r => r.Fingerprint == leaf.Fingerprint)], true, [], true);
        }

        var issuers = others.Where(c => c.Fingerprint != leaf.Fingerprint && leaf.IsNamedIssuer(c))
            .Concat(store.IssuersOf(leaf))
            .DistinctBy(c => c.Fingerprint)
            .Take(2)
            .ToList();
        if (issuers.Count != 1 || leaf.UnusualCriticalExtensions.Count > 0)
        {
            return null;
        }

        var issuer = issuers[0];
        if (issuer.IsCa != true || (issuer.KeyUsage is { } usage && !usage.HasFlag(X509KeyUsageFlags.KeyCertSign)))
        {
            return null;
        }

        var path = IssuerPathFor(issuer, others.Where(c => c.Fingerprint != leaf.Fingerprint).ToList(), store, time);
        if (path is null || !path.IsValidAt(time) || path.HasNameConstraints || path.VerifySignatureOf(leaf) != true)
        {
            return null;
        }

        return new ChainOutcome([leaf, .. path.Path], true, [], true);
    }

    private static IssuerPath? IssuerPathFor(CertificateData issuer, IReadOnlyList<CertificateData> candidates, TrustStore store, DateTimeOffset time)
    {
        var key = store.Contains(issuer)
            ? issuer.Fingerprint
            : issuer.Fingerprint + "|" + string.Join(',', candidates.Select(c => c.Fingerprint).Order(StringComparer.Ordinal));
        if (store.PathCache.Get(key) is { } cached)
        {
            return cached;
        }

        IReadOnlyList<CertificateData> path;
        if (store.Contains(issuer))
        {
            path = [issuer];
        }
        else
        {
            var outcome = BuildWithX509Chain(issuer, candidates, store, time);
            if (!outcome.Trusted || outcome.Path.Any(c => !c.IsValidAt(time)))
            {
                return null;
            }

            path = outcome.Path;
        }

        var publicKey = SignatureVerifier.ImportPublicKey(issuer);
        if (publicKey is null)
        {
            return null;
        }

        var entry = new IssuerPath(path, publicKey);
        store.PathCache.Add(key, entry);
        return entry;
    }

    internal static ChainOutcome BuildWithX509Chain(CertificateData leaf, IReadOnlyList<CertificateData> others, TrustStore store, DateTimeOffset time)
    {
        var known = others.Append(leaf).Concat(store.RootData).DistinctBy(c => c.Fingerprint).ToDictionary(c => c.Fingerprint, StringComparer.Ordinal);
        using var chain = new X509Chain();
        try
        {
            chain.ChainPolicy = ChainPolicies.Anchored(store.Collection, others.Where(o => o.Fingerprint != leaf.Fingerprint).Select(o => o.Certificate), time);
            chain.Build(leaf.Certificate);
        }
        catch (CryptographicException ex)
        {
            return new ChainOutcome([leaf], false, [Create(ProblemCodes.CertificateUnreadable, $"The platform cannot load a certificate of the chain of {leaf}: {ex.Message}")], false);
        }

        var path = new List<CertificateData>();
        var problems = new List<CertificateProblem>();
        foreach (var element in chain.ChainElements)
        {
            var fingerprint = Convert.ToHexString(SHA256.HashData(element.Certificate.RawData));
            if (!known.TryGetValue(fingerprint, out var data))
            {
                // Found in a store of this machine: a remote peer would not have it, so the bundle is incomplete.
                problems.Add(Create(ProblemCodes.ChainIncomplete, $"The issuer '{element.Certificate.Subject}' of {path[^1]} is not in the bundle (it was found only in this machine's certificate store)."));
                return new ChainOutcome(path, false, problems, false);
            }

            path.Add(data);
            var flags = element.ChainElementStatus.Aggregate(X509ChainStatusFlags.NoError, (f, s) => f | s.Status) & ~IgnoredStatus;
            AddProblems(flags, data, path.Count == 1 ? null : path[^2], store, problems);
        }

        var trusted = problems.Count == 0 && path.Count > 0 && store.Contains(path[^1]);
        if (!trusted && problems.Count == 0)
        {
            problems.Add(Create(ProblemCodes.ChainUntrusted, $"The chain ends at {path[^1]}, which is not among {store.Description}."));
        }

        return new ChainOutcome(path, trusted, problems, false);
    }

    private static void AddProblems(X509ChainStatusFlags flags, CertificateData certificate, CertificateData? issued, TrustStore store, List<CertificateProblem> problems)
    {
        if (flags.HasFlag(X509ChainStatusFlags.PartialChain))
        {
            problems.Add(Create(ProblemCodes.ChainIncomplete, $"No certificate issuing {certificate} (issuer '{certificate.Issuer}') is in the bundle or among {store.Description}: an intermediate is missing, or the chain belongs to an untrusted CA."));
        }

        if (flags.HasFlag(X509ChainStatusFlags.UntrustedRoot))
        {
            problems.Add(Create(ProblemCodes.ChainUntrusted, $"The chain ends at the root {certificate}, which is not among {store.Description}."));
        }

        if (flags.HasFlag(X509ChainStatusFlags.NotSignatureValid))
        {
            problems.Add(Create(ProblemCodes.SignatureInvalid, $"The signature of {certificate} does not verify with its issuer's key."));
        }

        if (flags.HasFlag(X509ChainStatusFlags.InvalidBasicConstraints))
        {
            var what = issued is null ? $"{certificate} violates its basic constraints" : $"{certificate} issues {issued} but is not a CA (or its path length is exceeded)";
            problems.Add(Create(ProblemCodes.IssuerNotCa, what + "."));
        }

        var rest = flags & ~(X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.NotSignatureValid | X509ChainStatusFlags.InvalidBasicConstraints);
        if (rest != X509ChainStatusFlags.NoError)
        {
            problems.Add(Create(ProblemCodes.ChainInvalid, $"{certificate} is rejected by chain validation: {rest}."));
        }
    }
}
