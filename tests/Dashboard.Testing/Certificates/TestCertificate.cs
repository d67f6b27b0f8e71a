using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Testing.Certificates;

/// <summary>A certificate made by the test PKI, with the key it was made for.</summary>
public sealed class TestCertificate(X509Certificate2 certificate, AsymmetricAlgorithm key)
{
    /// <summary>The certificate (without its key attached).</summary>
    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>The certificate's key pair (shared through <see cref="TestKeys"/>; do not dispose).</summary>
    public AsymmetricAlgorithm Key { get; } = key;

    /// <summary>The certificate as PEM.</summary>
    public string Pem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>The certificate as DER.</summary>
    public byte[] Der => Certificate.RawData;

    /// <summary>SHA-256 of the DER, upper-case hex.</summary>
    public string Sha256Fingerprint => Convert.ToHexString(SHA256.HashData(Certificate.RawData));

    /// <summary>Serial number, upper-case hex.</summary>
    public string SerialNumber => Certificate.SerialNumber;

    /// <summary>The private key as PEM (generated at run time).</summary>
    public string KeyPem(TestKeyFormat format = TestKeyFormat.Pkcs8) => TestKeys.ToPem(Key, format);

    public override string ToString() => Certificate.Subject;
}

/// <summary>A leaf with its chain: what an IKS secret holds (<c>tls.crt</c> = leaf + intermediate, <c>tls.key</c>).</summary>
public sealed class TestCredential(TestCertificate leaf, IReadOnlyList<TestCertificate> intermediates, TestCertificate root)
{
    /// <summary>The leaf certificate.</summary>
    public TestCertificate Leaf { get; } = leaf;

    /// <summary>The intermediates, in issuing order.</summary>
    public IReadOnlyList<TestCertificate> Intermediates { get; } = intermediates;

    /// <summary>The root.</summary>
    public TestCertificate Root { get; } = root;

    /// <summary>Leaf followed by the intermediates.</summary>
    public string ChainPem => Leaf.Pem + string.Concat(Intermediates.Select(i => i.Pem));

    /// <summary>Leaf, intermediates and root.</summary>
    public string ChainWithRootPem => ChainPem + Root.Pem;

    /// <summary>The leaf's private key as PEM.</summary>
    public string KeyPem(TestKeyFormat format = TestKeyFormat.Pkcs8) => Leaf.KeyPem(format);

    /// <summary>The root as PEM.</summary>
    public string RootPem => Root.Pem;
}
