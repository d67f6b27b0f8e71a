using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Sandbox.DataPlane.Gateway;

namespace Dashboard.Sandbox.Tests.DataPlane.Units;

public sealed class ClientCertificateHeaderTests
{
    [Fact]
    public void Format_CertificateWithUriAndDnsSans_ListsHashSubjectUriAndDnsAsEnvoy()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=alb, O=\"Example, Inc.\", C=US", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri("spiffe://cluster.local/ns/kube-system/sa/alb"));
        san.AddDnsName("alb.example.com");
        san.AddDnsName("alb2.example.com");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        var header = ClientCertificateHeader.Format(certificate);

        var hash = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
        Assert.Equal($"Hash={hash};Subject=\"CN=alb,O=Example\\, Inc.,C=US\";URI=spiffe://cluster.local/ns/kube-system/sa/alb;DNS=alb.example.com;DNS=alb2.example.com", header);
    }
}
