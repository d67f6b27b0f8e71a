using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Inspection;

namespace Dashboard.Certificates.Parsing;

/// <summary>One certificate found in a PEM bundle.</summary>
public sealed class PemCertificate
{
    private readonly Lazy<X509Certificate2> _certificate;

    internal PemCertificate(CertificateData data, int blockNumber)
    {
        Data = data;
        BlockNumber = blockNumber;
        Summary = CertificateSummary.From(data);
        _certificate = new(() => X509CertificateLoader.LoadCertificate(data.Der));
    }

    /// <summary>The 1-based position of the certificate's PEM block in the input.</summary>
    public int BlockNumber { get; }

    /// <summary>What the certificate says about itself.</summary>
    public CertificateSummary Summary { get; }

    /// <summary>The DER encoding.</summary>
    public ReadOnlyMemory<byte> Der => Data.Der;

    /// <summary>
    /// The platform certificate, created on first access (about 0.1 ms on OpenSSL 3.0) and returned again by later
    /// calls on this entry; it belongs to this entry alone, so disposing it affects nothing else. Throws
    /// <see cref="System.Security.Cryptography.CryptographicException"/> only if the platform rejects a certificate
    /// that the strict DER reader accepted.
    /// </summary>
    public X509Certificate2 Certificate => _certificate.Value;

    internal CertificateData Data { get; }

    /// <summary>The certificate as a PEM block with LF line endings and a final newline.</summary>
    public string ToPem() => Data.ToPem();

    /// <inheritdoc />
    public override string ToString() => Data.ToString();
}
