using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Testing.Certificates;

/// <summary>A certificate made by the test PKI, with the key it was made for.</summary>
public sealed class TestCertificate(X509Certificate2 certificate, AsymmetricAlgorithm key)
{
    public X509Certificate2 Certificate { get; } = certificate;

    public AsymmetricAlgorithm Key { get; } = key;

    public string Pem => Certificate.ExportCertificatePem() + "\n";

    public byte[] Der => Certificate.RawData;

    public string Sha256Fingerprint => Convert.ToHexString(SHA256.HashData(Certificate.RawData));

    public string SerialNumber => Certificate.SerialNumber;

    public string KeyPem(TestKeyFormat format = TestKeyFormat.Pkcs8) => TestKeys.ToPem(Key, format);

    public override string ToString() => Certificate.Subject;
}

/// <summary>A leaf with its chain: what an IKS secret holds (<c>tls.crt</c> = leaf + intermediate, <c>tls.key</c>).</summary>
public sealed class TestCredential(TestCertificate leaf, IReadOnlyList<TestCertificate> intermediates, TestCertificate root)
{
    public TestCertificate Leaf { get; } = leaf;

    public IReadOnlyList<TestCertificate> Intermediates { get; } = intermediates;

    public TestCertificate Root { get; } = root;

    /// <summary>Leaf followed by the intermediates.</summary>
    public string ChainPem => Leaf.Pem + string.Concat(Intermediates.Select(i => i.Pem));

    /// <summary>Leaf, intermediates and root.</summary>
    public string ChainWithRootPem => ChainPem + Root.Pem;

    public string KeyPem(TestKeyFormat format = TestKeyFormat.Pkcs8) => Leaf.KeyPem(format);

    public string RootPem => Root.Pem;
}
