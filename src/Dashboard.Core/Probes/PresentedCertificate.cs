using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Core.Probes;

/// <summary>A summary of one certificate the server presented in the TLS handshake.</summary>
/// <param name="Subject">The subject distinguished name.</param>
/// <param name="Issuer">The issuer distinguished name.</param>
/// <param name="SerialNumber">The serial number, upper-case hex.</param>
/// <param name="Sha256Fingerprint">The SHA-256 of the DER encoding, upper-case hex without separators.</param>
/// <param name="NotBefore">Start of validity (UTC).</param>
/// <param name="NotAfter">End of validity (UTC).</param>
/// <param name="DnsNames">The DNS names of the subject alternative name extension.</param>
public sealed record PresentedCertificate(
    string Subject,
    string Issuer,
    string SerialNumber,
    string Sha256Fingerprint,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    IReadOnlyList<string> DnsNames)
{
    /// <summary>Summarises a certificate.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>The summary.</returns>
    public static PresentedCertificate From(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(san => san.EnumerateDnsNames())
            .ToArray();
        return new PresentedCertificate(
            certificate.Subject,
            certificate.Issuer,
            certificate.SerialNumber,
            Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            names);
    }
}
