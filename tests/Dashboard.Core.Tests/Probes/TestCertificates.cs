using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Core.Probes;

namespace Dashboard.Core.Tests.Probes;

/// <summary>
/// A small PKI for the probe tests, generated at run time (no key is ever committed). Validity is relative to the real
/// clock because the loopback servers validate client certificates with it.
/// </summary>
internal static class TestCertificates
{
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    public static TestCa CreateRoot(string name) => TestCa.Create($"CN={name}", issuer: null);
}

/// <summary>A certificate authority that can issue intermediates and leaves.</summary>
internal sealed class TestCa
{
    private TestCa(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chainAbove)
    {
        Certificate = certificate;
        ChainAbove = chainAbove;
    }

    /// <summary>The CA certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificates above this one, up to but excluding the root (its intermediates, for leaves).</summary>
    public IReadOnlyList<X509Certificate2> ChainAbove { get; }

    /// <summary>The CA certificate as PEM (for a trusted CA bundle).</summary>
    public string Pem => Certificate.ExportCertificatePem();

    public static TestCa Create(string subject, TestCa? issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        if (issuer is null)
        {
            return new TestCa(request.CreateSelfSigned(now.AddDays(-30), now.AddYears(5)), []);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, true, false));
        using var issued = request.Create(issuer.Certificate, now.AddDays(-20), now.AddYears(4), Serial());
        var chain = IsRoot(issuer) ? new List<X509Certificate2>() : [issuer.Certificate, .. issuer.ChainAbove];
        return new TestCa(issued.CopyWithPrivateKey(key), chain);
    }

    public TestCa CreateIntermediate(string name) => Create($"CN={name}", this);

    public TestCredential IssueServer(string name, params string[] dnsNames) =>
        Issue(name, TestCertificates.ServerAuth, dnsNames, validFrom: null, validTo: null);

    public TestCredential IssueClient(string name, string eku = TestCertificates.ClientAuth, bool rsa = false) =>
        Issue(name, eku, [], validFrom: null, validTo: null, rsa);

    public TestCredential Issue(
        string name, string eku, string[] dnsNames, DateTimeOffset? validFrom, DateTimeOffset? validTo, bool rsa = false)
    {
        using var ecdsa = rsa ? null : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsaKey = rsa ? RSA.Create(2048) : null;
        var request = rsaKey is not null
            ? new CertificateRequest($"CN={name}", rsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest($"CN={name}", ecdsa!, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(eku)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        if (dnsNames.Length > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var dnsName in dnsNames)
            {
                san.AddDnsName(dnsName);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        var now = DateTimeOffset.UtcNow;
        using var issuerKey = Certificate.GetECDsaPrivateKey()!;
        using var issued = request.Create(
            Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), validFrom ?? now.AddDays(-1), validTo ?? now.AddDays(89), Serial());
        var withKey = rsaKey is not null ? issued.CopyWithPrivateKey(rsaKey) : issued.CopyWithPrivateKey(ecdsa!);
        var keyPem = rsaKey is not null ? rsaKey.ExportRSAPrivateKeyPem() : ecdsa!.ExportPkcs8PrivateKeyPem();
        return new TestCredential(withKey, IsRoot(this) ? [] : [Certificate, .. ChainAbove], keyPem);
    }

    private static bool IsRoot(TestCa ca) => ca.Certificate.SubjectName.RawData.AsSpan().SequenceEqual(ca.Certificate.IssuerName.RawData);

    private static byte[] Serial() => RandomNumberGenerator.GetBytes(12);
}

/// <summary>A leaf certificate with its key and intermediates, in both object and PEM form.</summary>
internal sealed record TestCredential(X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Intermediates, string KeyPem)
{
    /// <summary>The leaf followed by its intermediates, as a <c>tls.crt</c> holds them.</summary>
    public string CertificatePem => string.Concat(new[] { Certificate }.Concat(Intermediates).Select(c => c.ExportCertificatePem() + "\n"));

    public ProbeClientCredential ToProbeCredential() => new(CertificatePem, KeyPem);
}
