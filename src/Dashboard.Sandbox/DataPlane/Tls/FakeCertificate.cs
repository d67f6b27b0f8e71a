using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Dashboard.Sandbox.DataPlane.Tls;

/// <summary>ingress-nginx's self-signed "Kubernetes Ingress Controller Fake Certificate", served when no default certificate is configured.</summary>
internal static class FakeCertificate
{
    public static TlsCredential Create(DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Kubernetes Ingress Controller Fake Certificate, O=Acme Co", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("ingress.local");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        var pem = Encoding.ASCII.GetBytes(certificate.ExportCertificatePem());
        var keyPem = Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem());
        return TlsCredential.Load(pem, keyPem, "ingress-nginx fake certificate", out var problem)
            ?? throw new InvalidOperationException(problem);
    }
}
