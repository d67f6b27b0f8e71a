using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Parsing;
using Dashboard.Testing.Certificates;

namespace Dashboard.Certificates.Tests;

public sealed class CertificateSummaryTests
{
    [Fact]
    public void From_LetsEncryptLikeLeaf_ReportsEveryField()
    {
        var leaf = Pki.Rsa.Leaf(TestLeafSpec.Default with { IpAddresses = [IPAddress.Parse("10.0.0.7")] }).Leaf;
        var platform = leaf.Certificate;

        var summary = CertificateSummary.From(platform);

        Assert.Equal(platform.Subject, summary.Subject);
        Assert.Equal("CN=Test R10, O=Test Let's Encrypt, C=US", summary.Issuer);
        Assert.Equal([Pki.Host, "*." + Pki.Host], summary.DnsNames);
        Assert.Equal(["10.0.0.7"], summary.IpAddresses);
        Assert.Equal(platform.SerialNumber, summary.SerialNumber);
        Assert.Equal(platform.GetCertHashString(HashAlgorithmName.SHA256), summary.Sha256Fingerprint);
        Assert.Equal(platform.NotBefore.ToUniversalTime(), summary.NotBefore.UtcDateTime);
        Assert.Equal(platform.NotAfter.ToUniversalTime(), summary.NotAfter.UtcDateTime);
        Assert.Equal(TimeSpan.FromDays(90), summary.NotAfter - summary.NotBefore);
        Assert.Equal(KeyAlgorithm.Rsa, summary.KeyAlgorithm);
        Assert.Equal(2048, summary.KeySize);
        Assert.Null(summary.CurveName);
        Assert.Equal("sha256WithRSAEncryption", summary.SignatureAlgorithm);
        Assert.False(summary.IsCertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, summary.KeyUsages);
        Assert.Equal(["serverAuth"], summary.ExtendedKeyUsageNames);
        Assert.True(summary.AllowsServerAuth);
        Assert.False(summary.AllowsClientAuth);
        Assert.False(summary.IsSelfSigned);
        Assert.Equal(64 + 31, summary.Sha256FingerprintWithColons.Length);
    }

    [Fact]
    public void From_EcdsaRootAndIntermediate_ReportsCaFacts()
    {
        var root = CertificateSummary.From(Pki.Ecdsa.Root.Certificate);
        var intermediate = CertificateSummary.From(Pki.Ecdsa.Intermediate.Certificate);

        Assert.True(root.IsSelfSigned);
        Assert.True(root.IsCertificateAuthority);
        Assert.Null(root.PathLengthConstraint);
        Assert.Equal(KeyAlgorithm.Ecdsa, root.KeyAlgorithm);
        Assert.Equal(384, root.KeySize);
        Assert.Equal("P-384", root.CurveName);
        Assert.Equal("ecdsa-with-SHA384", root.SignatureAlgorithm);
        Assert.False(intermediate.IsSelfSigned);
        Assert.Equal(0, intermediate.PathLengthConstraint);
        Assert.Null(intermediate.ExtendedKeyUsages);
        Assert.True(intermediate.AllowsClientAuth);
    }

    [Theory]
    [InlineData(TestKeyKind.EcdsaP256, 256, "P-256")]
    [InlineData(TestKeyKind.EcdsaP384, 384, "P-384")]
    [InlineData(TestKeyKind.Rsa4096, 4096, null)]
    public void From_LeafKeyKinds_ReportsAlgorithmAndSize(TestKeyKind kind, int size, string? curve)
    {
        var summary = CertificateSummary.From(Pki.Rsa.Leaf(TestLeafSpec.Default with { KeyKind = kind }).Leaf.Certificate);

        Assert.Equal(size, summary.KeySize);
        Assert.Equal(curve, summary.CurveName);
    }

    [Fact]
    public void PemBundle_ManyCertificatesAndKeys_ParsesInOrder()
    {
        var credential = Pki.Rsa.Leaf();
        var ecdsa = Pki.Ecdsa.Leaf(TestLeafSpec.Default with { KeyKind = TestKeyKind.EcdsaP256 });
        var text = credential.ChainWithRootPem + credential.KeyPem(TestKeyFormat.Pkcs1) + ecdsa.KeyPem(TestKeyFormat.Sec1) + ecdsa.KeyPem(TestKeyFormat.Pkcs8);

        var bundle = PemBundle.Parse(text);

        Assert.Empty(bundle.Problems);
        Assert.Equal([credential.Leaf.Sha256Fingerprint, credential.Intermediates[0].Sha256Fingerprint, credential.Root.Sha256Fingerprint], bundle.Entries.Select(e => e.Summary.Sha256Fingerprint));
        Assert.Equal([PrivateKeyFormat.Pkcs1, PrivateKeyFormat.Sec1, PrivateKeyFormat.Pkcs8], bundle.PrivateKeys.Select(k => k.Format));
        Assert.Equal([KeyAlgorithm.Rsa, KeyAlgorithm.Ecdsa, KeyAlgorithm.Ecdsa], bundle.PrivateKeys.Select(k => k.Algorithm));
        Assert.True(bundle.PrivateKeys[0].Matches(credential.Leaf.Certificate));
        Assert.True(bundle.PrivateKeys[1].Matches(ecdsa.Leaf.Certificate));
        Assert.Equal(credential.Leaf.Certificate.RawData, bundle.Certificates[0].RawData);
    }

    [Fact]
    public void PemPrivateKey_ExportAndAttach_RoundTrip()
    {
        var credential = Pki.Ecdsa.Leaf(TestLeafSpec.Default with { KeyKind = TestKeyKind.EcdsaP256 });
        var key = PemBundle.Parse(credential.KeyPem(TestKeyFormat.Sec1)).PrivateKeys.Single();

        var pkcs8 = PemBundle.Parse(key.ExportPkcs8Pem()).PrivateKeys.Single();
        using var withKey = key.AttachTo(credential.Leaf.Certificate);

        Assert.Equal(PrivateKeyFormat.Pkcs8, pkcs8.Format);
        Assert.True(pkcs8.Matches(credential.Leaf.Certificate));
        Assert.True(withKey.HasPrivateKey);
        Assert.Equal(credential.KeyPem(TestKeyFormat.Sec1), key.ExportPem());
        Assert.Equal("Ecdsa P-256 private key (Sec1)", key.ToString());
    }
}
