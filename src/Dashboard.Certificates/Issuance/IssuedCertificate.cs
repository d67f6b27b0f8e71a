using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Inspection;

namespace Dashboard.Certificates.Issuance;

/// <summary>A certificate issued by a <see cref="CertificateAuthority"/>, with its private key. Dispose it when done.</summary>
public sealed class IssuedCertificate : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    internal IssuedCertificate(X509Certificate2 certificate, AsymmetricAlgorithm key, string issuerChainPem)
    {
        Certificate = certificate;
        _key = key;
        IssuerChainPem = issuerChainPem;
        Summary = CertificateSummary.From(certificate);
    }

    /// <summary>The certificate, carrying its private key (usable directly for TLS).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>What the certificate says about itself.</summary>
    public CertificateSummary Summary { get; }

    /// <summary>The leaf alone, as PEM.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>The intermediates between the leaf and the root (empty when the root issued the leaf), as PEM.</summary>
    public string IssuerChainPem { get; }

    /// <summary>Leaf followed by its intermediates, as PEM: what a TLS peer presents (<c>tls.crt</c>, <c>client.crt</c>).</summary>
    public string ChainPem => CertificatePem + IssuerChainPem;

    /// <summary>The private key as unencrypted PKCS#8 PEM. Handle as a secret.</summary>
    public string ExportPrivateKeyPem() => KeyFactory.ExportPkcs8Pem(_key);

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    /// <summary>Subject and serial; never key material.</summary>
    public override string ToString() => $"'{Summary.Subject}' (serial {Summary.SerialNumber}, until {Summary.NotAfter:yyyy-MM-dd})";
}
