using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>
/// The server's own CA and serving certificate, created once and kept in the data directory so that a kubeconfig
/// written earlier (which embeds the CA) stays valid across restarts.
/// </summary>
internal sealed class TlsMaterial : IDisposable
{
    private TlsMaterial(X509Certificate2 ca, X509Certificate2 serving)
    {
        CaCertificate = ca;
        ServingCertificate = serving;
    }

    public X509Certificate2 CaCertificate { get; }

    public X509Certificate2 ServingCertificate { get; }

    public string CaPem => CaCertificate.ExportCertificatePem() + "\n";

    /// <summary>Loads the CA and serving certificate from <paramref name="directory"/>, creating or renewing what is missing or stale.</summary>
    /// <remarks>Validity uses the wall clock, not the sandbox clock: TLS clients check certificates against real time.</remarks>
    public static TlsMaterial LoadOrCreate(string directory)
    {
        var now = DateTimeOffset.UtcNow;
        var caCert = Path.Combine(directory, "ca.crt");
        var caKey = Path.Combine(directory, "ca.key");
        var ca = TryLoad(caCert, caKey, now);
        if (ca is null)
        {
            ca = CreateCa(now);
            SecretFiles.WriteAtomic(caCert, ca.ExportCertificatePem() + "\n", secret: false);
            SecretFiles.WriteAtomic(caKey, ca.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n", secret: true);
        }

        var servingCert = Path.Combine(directory, "server.crt");
        var servingKey = Path.Combine(directory, "server.key");
        var serving = TryLoad(servingCert, servingKey, now.AddDays(30));
        if (serving is null || serving.Issuer != ca.Subject || !SignedBy(serving, ca))
        {
            serving?.Dispose();
            serving = CreateServing(ca, now);
            SecretFiles.WriteAtomic(servingCert, serving.ExportCertificatePem() + "\n", secret: false);
            SecretFiles.WriteAtomic(servingKey, serving.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n", secret: true);
        }

        return new TlsMaterial(ca, serving);
    }

    public void Dispose()
    {
        CaCertificate.Dispose();
        ServingCertificate.Dispose();
    }

    private static X509Certificate2? TryLoad(string certPath, string keyPath, DateTimeOffset validAt)
    {
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            return null;
        }

        try
        {
            var cert = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            if (cert.NotAfter.ToUniversalTime() > validAt.UtcDateTime && cert.NotBefore.ToUniversalTime() < DateTime.UtcNow)
            {
                return cert;
            }

            cert.Dispose();
            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool SignedBy(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    private static X509Certificate2 CreateCa(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=sandbox-kubernetes-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddHours(-1), now.AddYears(10));
    }

    private static X509Certificate2 CreateServing(X509Certificate2 ca, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kube-apiserver", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var dns in new[] { "localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local" })
        {
            names.AddDnsName(dns);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var caKey = ca.GetECDsaPrivateKey()!;
        using var issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddHours(-1), now.AddYears(1), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
