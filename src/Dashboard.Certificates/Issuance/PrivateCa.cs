using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Parsing;

namespace Dashboard.Certificates.Issuance;

/// <summary>Settings of the dashboard-managed CA of the <c>PrivateCa</c> profile.</summary>
public sealed record PrivateCaOptions
{
    /// <summary>The CA's subject.</summary>
    public string CaSubjectName { get; init; } = "CN=IKS mTLS Dashboard Private CA, O=IKS mTLS Dashboard";

    /// <summary>The CA's key type (ECDSA P-256 by default).</summary>
    public KeyType CaKeyType { get; init; } = KeyType.EcdsaP256;

    /// <summary>The CA's lifetime.</summary>
    public TimeSpan CaLifetime { get; init; } = TimeSpan.FromDays(3650);

    /// <summary>The client certificates' key type.</summary>
    public KeyType ClientKeyType { get; init; } = KeyType.EcdsaP256;

    /// <summary>The client certificates' default lifetime.</summary>
    public TimeSpan ClientLifetime { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Re-issue when less than this remains (capped at a third of the certificate's lifetime, so short-lived certificates are not re-issued at once).</summary>
    public TimeSpan ReissueBefore { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How far before "now" a client certificate's validity starts, so a verifier whose clock lags still accepts it.</summary>
    public TimeSpan ClockSkewAllowance { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>Whether a client certificate should be re-issued, and why.</summary>
/// <param name="Reissue">True when a new certificate should be issued now.</param>
/// <param name="Reason">A sentence for the operator.</param>
/// <param name="NotAfter">The current certificate's expiry, when it could be read.</param>
/// <param name="ReissueAt">When re-issue becomes due, when the certificate could be read.</param>
public sealed record ReissueDecision(bool Reissue, string Reason, DateTimeOffset? NotAfter, DateTimeOffset? ReissueAt);

/// <summary>
/// The <c>PrivateCa</c> profile's CA for the ALB → gateway hop: since Let's Encrypt certificates carry serverAuth
/// only (2026), the ALB's client certificate comes from this CA, with clientAuth, and the gateway trusts this CA's
/// certificate as its client CA bundle. Persist <see cref="CaCertificatePem"/> and <see cref="ExportCaPrivateKeyPem"/>
/// and restore with <see cref="Load"/>.
/// </summary>
public sealed class PrivateCa : IDisposable
{
    private readonly CertificateAuthority _authority;
    private readonly TimeProvider _time;

    private PrivateCa(CertificateAuthority authority, TimeProvider time, PrivateCaOptions options)
    {
        _authority = authority;
        _time = time;
        Options = options;
    }

    /// <summary>The settings in force.</summary>
    public PrivateCaOptions Options { get; }

    /// <summary>The CA certificate as PEM: the client CA bundle the gateway verifies the ALB with.</summary>
    public string CaCertificatePem => _authority.CertificatePem;

    /// <summary>What the CA certificate says about itself.</summary>
    public CertificateSummary CaSummary => _authority.Summary;

    /// <summary>Creates a new CA.</summary>
    public static PrivateCa Create(TimeProvider timeProvider, PrivateCaOptions? options = null)
    {
        options ??= new PrivateCaOptions();
        var authority = CertificateAuthority.CreateRoot(timeProvider, new CaOptions { SubjectName = options.CaSubjectName, KeyType = options.CaKeyType, Lifetime = options.CaLifetime, PathLength = 0 });
        return new PrivateCa(authority, timeProvider, options);
    }

    /// <summary>Restores a CA saved earlier. Throws <see cref="ArgumentException"/> naming the problem; never echoes the key.</summary>
    public static PrivateCa Load(string caCertificatePem, string caPrivateKeyPem, TimeProvider timeProvider, PrivateCaOptions? options = null) =>
        new(CertificateAuthority.Load(caCertificatePem, caPrivateKeyPem, timeProvider), timeProvider, options ?? new PrivateCaOptions());

    /// <summary>The CA's private key as unencrypted PKCS#8 PEM, for storage. Handle as a secret.</summary>
    public string ExportCaPrivateKeyPem() => _authority.ExportPrivateKeyPem();

    /// <summary>Issues an ALB client certificate: clientAuth only, <paramref name="lifetime"/> (default <see cref="PrivateCaOptions.ClientLifetime"/>).</summary>
    /// <param name="commonName">The subject common name, e.g. the ALB's ingress subdomain.</param>
    /// <param name="lifetime">Validity; never beyond the CA's own expiry.</param>
    /// <param name="dnsNames">Optional DNS names to list as SANs.</param>
    public IssuedCertificate IssueClientCertificate(string commonName, TimeSpan? lifetime = null, params string[] dnsNames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        var now = _time.GetUtcNow();
        return _authority.Issue(new LeafRequest
        {
            CommonName = commonName,
            DnsNames = dnsNames,
            Usages = LeafUsages.ClientAuth,
            KeyType = Options.ClientKeyType,
            NotBefore = now - Options.ClockSkewAllowance,
            NotAfter = now + (lifetime ?? Options.ClientLifetime),
        });
    }

    /// <summary>
    /// Decides whether the client certificate currently deployed (PEM, leaf first) should be re-issued: when it is
    /// missing or unreadable, not issued by this CA, lacks clientAuth, or is within the re-issue threshold of expiry.
    /// </summary>
    public ReissueDecision ShouldReissue(string? currentClientCertificatePem)
    {
        var bundle = PemBundle.Parse(currentClientCertificatePem);
        if (bundle.Entries.Count == 0)
        {
            return new(true, "There is no readable client certificate yet.", null, null);
        }

        var leaf = bundle.Entries[0].Data;
        using var caKey = SignatureVerifier.ImportPublicKey(X509Reader.Read(_authority.Certificate.RawData));
        if (!leaf.IssuerRaw.Span.SequenceEqual(_authority.Certificate.SubjectName.RawData) || caKey is null || SignatureVerifier.Verify(leaf, caKey) != true)
        {
            return new(true, $"The client certificate {leaf} was not issued by this CA.", leaf.NotAfter, null);
        }

        if (leaf.ExtendedKeyUsages is { } ekus && !ekus.Contains(Oids.ClientAuth))
        {
            return new(true, $"The client certificate {leaf} lacks clientAuth.", leaf.NotAfter, null);
        }

        var lifetime = leaf.NotAfter - leaf.NotBefore;
        var threshold = TimeSpan.FromTicks(Math.Min(Options.ReissueBefore.Ticks, lifetime.Ticks / 3));
        var due = leaf.NotAfter - threshold;
        var now = _time.GetUtcNow();
        return now >= due
            ? new(true, $"The client certificate {leaf} expires on {leaf.NotAfter:yyyy-MM-dd HH:mm} UTC; re-issue was due from {due:yyyy-MM-dd HH:mm} UTC.", leaf.NotAfter, due)
            : new(false, $"The client certificate {leaf} is good until {leaf.NotAfter:yyyy-MM-dd HH:mm} UTC; re-issue is due from {due:yyyy-MM-dd HH:mm} UTC.", leaf.NotAfter, due);
    }

    /// <inheritdoc />
    public void Dispose() => _authority.Dispose();

    /// <summary>The CA's subject and expiry; never key material.</summary>
    public override string ToString() => _authority.ToString();
}
