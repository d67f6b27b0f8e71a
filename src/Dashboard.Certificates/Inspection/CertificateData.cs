using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Certificates.Inspection;

/// <summary>
/// One certificate decoded by <see cref="X509Reader"/> (managed, strict DER). The platform's
/// <see cref="X509Certificate2"/> is created only on demand: on OpenSSL 3.0 it costs a tenth of a millisecond per
/// certificate, which the hot path of validation cannot afford.
/// </summary>
internal sealed class CertificateData
{
    private readonly Lazy<X509Certificate2> _certificate;
    private readonly Lazy<bool> _selfSigned;
    private CertificateSummary? _summary;

    public CertificateData(byte[] der)
    {
        Der = der;
        Sha256 = SHA256.HashData(der);
        Fingerprint = Convert.ToHexString(Sha256);
        _certificate = new Lazy<X509Certificate2>(() => X509CertificateLoader.LoadCertificate(Der), LazyThreadSafetyMode.ExecutionAndPublication);
        _selfSigned = new Lazy<bool>(ComputeSelfSigned, LazyThreadSafetyMode.PublicationOnly);
    }

    public byte[] Der { get; }

    public byte[] Sha256 { get; }

    /// <summary>SHA-256 of the DER, upper-case hex without separators.</summary>
    public string Fingerprint { get; }

    public ReadOnlyMemory<byte> Tbs { get; init; }

    public string SignatureAlgorithmOid { get; init; } = "";

    public ReadOnlyMemory<byte> SignatureAlgorithmParameters { get; init; }

    public bool SignatureAlgorithmsAgree { get; init; }

    public byte[] Signature { get; init; } = [];

    public int Version { get; init; }

    public string SerialNumber { get; init; } = "";

    public ReadOnlyMemory<byte> IssuerRaw { get; init; }

    public ReadOnlyMemory<byte> SubjectRaw { get; init; }

    public string Issuer { get; init; } = "";

    public string Subject { get; init; } = "";

    public DateTimeOffset NotBefore { get; init; }

    public DateTimeOffset NotAfter { get; init; }

    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; init; }

    public required PublicKeyIdentity PublicKey { get; init; }

    /// <summary>Null when the certificate has no basic constraints extension.</summary>
    public bool? IsCa { get; init; }

    public int? PathLength { get; init; }

    /// <summary>Null when the certificate has no key usage extension (every usage allowed).</summary>
    public X509KeyUsageFlags? KeyUsage { get; init; }

    /// <summary>Null when the certificate has no extended key usage extension (every purpose allowed).</summary>
    public IReadOnlyList<string>? ExtendedKeyUsages { get; init; }

    public bool HasSubjectAltName { get; init; }

    public IReadOnlyList<string> DnsNames { get; init; } = [];

    public IReadOnlyList<System.Net.IPAddress> IpAddresses { get; init; } = [];

    public byte[]? SubjectKeyId { get; init; }

    public byte[]? AuthorityKeyId { get; init; }

    public bool HasNameConstraints { get; init; }

    /// <summary>Critical extensions outside the set every verifier handles (basic constraints, key usage, EKU, SAN).</summary>
    public IReadOnlyList<string> UnusualCriticalExtensions { get; init; } = [];

    public bool IsSelfIssued => IssuerRaw.Span.SequenceEqual(SubjectRaw.Span);

    /// <summary>Self-issued and its signature verifies with its own key.</summary>
    public bool IsSelfSigned => _selfSigned.Value;

    /// <summary>The platform certificate, loaded on first use. Throws <see cref="CryptographicException"/> if the platform rejects what the strict reader accepted.</summary>
    public X509Certificate2 Certificate => _certificate.Value;

    /// <summary>The public summary, built once (the data is immutable).</summary>
    public CertificateSummary Summary => _summary ??= CertificateSummary.Build(this);

    public bool IsValidAt(DateTimeOffset time) => time >= NotBefore && time <= NotAfter;

    /// <summary>Whether <paramref name="issuer"/> names this certificate's issuer (subject and, when both are present, key identifiers).</summary>
    public bool IsNamedIssuer(CertificateData issuer)
    {
        if (!IssuerRaw.Span.SequenceEqual(issuer.SubjectRaw.Span))
        {
            return false;
        }

        return AuthorityKeyId is null || issuer.SubjectKeyId is null || AuthorityKeyId.AsSpan().SequenceEqual(issuer.SubjectKeyId);
    }

    public string ToPem() => PemEncoding.WriteString("CERTIFICATE", Der) + "\n";

    public override string ToString() => $"'{Subject}' (serial {SerialNumber})";

    private bool ComputeSelfSigned()
    {
        if (!IsSelfIssued)
        {
            return false;
        }

        using var key = SignatureVerifier.ImportPublicKey(this);
        return key is not null && SignatureVerifier.Verify(this, key) == true;
    }
}
