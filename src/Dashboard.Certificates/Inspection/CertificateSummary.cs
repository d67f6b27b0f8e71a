using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Certificates.Inspection;

/// <summary>What one certificate says about itself, in the terms an operator checks.</summary>
/// <param name="Subject">Subject distinguished name, for example <c>CN=host.example</c>.</param>
/// <param name="Issuer">Issuer distinguished name.</param>
/// <param name="DnsNames">DNS subject alternative names, in certificate order (wildcards as written, e.g. <c>*.host.example</c>).</param>
/// <param name="IpAddresses">IP address subject alternative names.</param>
/// <param name="SerialNumber">Serial number, upper-case hex as encoded (two's complement, big-endian).</param>
/// <param name="Sha256Fingerprint">SHA-256 of the DER encoding, upper-case hex without separators.</param>
/// <param name="NotBefore">Start of validity (UTC).</param>
/// <param name="NotAfter">End of validity (UTC).</param>
/// <param name="KeyAlgorithm">Public key algorithm.</param>
/// <param name="KeySize">Key size in bits (RSA modulus length or curve size).</param>
/// <param name="CurveName">Curve name for ECDSA keys (<c>P-256</c>, <c>P-384</c>), otherwise null.</param>
/// <param name="SignatureAlgorithm">Signature algorithm, e.g. <c>sha256WithRSAEncryption</c>.</param>
/// <param name="IsCertificateAuthority">True when basic constraints say cA=TRUE.</param>
/// <param name="PathLengthConstraint">The basic constraints path length, when present.</param>
/// <param name="KeyUsages">Key usage flags, or null when the certificate has no key usage extension.</param>
/// <param name="ExtendedKeyUsages">Extended key usage OIDs, or null when the certificate has no EKU extension (every purpose allowed).</param>
/// <param name="IsSelfSigned">True when issuer equals subject and the signature verifies with the certificate's own key.</param>
public sealed record CertificateSummary(
    string Subject,
    string Issuer,
    IReadOnlyList<string> DnsNames,
    IReadOnlyList<string> IpAddresses,
    string SerialNumber,
    string Sha256Fingerprint,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    KeyAlgorithm KeyAlgorithm,
    int KeySize,
    string? CurveName,
    string SignatureAlgorithm,
    bool IsCertificateAuthority,
    int? PathLengthConstraint,
    X509KeyUsageFlags? KeyUsages,
    IReadOnlyList<string>? ExtendedKeyUsages,
    bool IsSelfSigned)
{
    /// <summary>True when the certificate may authenticate a TLS server: serverAuth is listed, or there is no EKU extension.</summary>
    public bool AllowsServerAuth => ExtendedKeyUsages is null || ExtendedKeyUsages.Contains(Oids.ServerAuth);

    /// <summary>True when the certificate may authenticate a TLS client: clientAuth is listed, or there is no EKU extension.</summary>
    public bool AllowsClientAuth => ExtendedKeyUsages is null || ExtendedKeyUsages.Contains(Oids.ClientAuth);

    /// <summary>The extended key usages by name (<c>serverAuth</c>, <c>clientAuth</c>, or the OID).</summary>
    public IReadOnlyList<string> ExtendedKeyUsageNames => ExtendedKeyUsages?.Select(Oids.FriendlyName).ToList() ?? [];

    /// <summary>The fingerprint as colon-separated byte pairs, as <c>openssl x509 -fingerprint -sha256</c> prints it.</summary>
    public string Sha256FingerprintWithColons => string.Join(':', Enumerable.Range(0, Sha256Fingerprint.Length / 2).Select(i => Sha256Fingerprint.Substring(i * 2, 2)));

    /// <summary>True when <paramref name="time"/> lies within the validity period.</summary>
    public bool IsValidAt(DateTimeOffset time) => time >= NotBefore && time <= NotAfter;

    /// <summary>Summarises a platform certificate. Throws <see cref="CryptographicException"/> if its encoding is not strict DER.</summary>
    public static CertificateSummary From(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return From(X509Reader.Read(certificate.RawData));
    }

    internal static CertificateSummary From(CertificateData data) => data.Summary;

    internal static CertificateSummary Build(CertificateData data) => new(
        data.Subject,
        data.Issuer,
        data.DnsNames,
        [.. data.IpAddresses.Select(ip => ip.ToString())],
        data.SerialNumber,
        data.Fingerprint,
        data.NotBefore,
        data.NotAfter,
        data.PublicKey.Algorithm,
        data.PublicKey.KeySize,
        data.PublicKey.CurveOid is { } curve ? Oids.FriendlyName(curve) : null,
        Oids.FriendlyName(data.SignatureAlgorithmOid),
        data.IsCa == true,
        data.PathLength,
        data.KeyUsage,
        data.ExtendedKeyUsages,
        data.IsSelfSigned);
}
