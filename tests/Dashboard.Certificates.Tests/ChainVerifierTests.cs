using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Trust;
using Dashboard.Certificates.Validation;
using Dashboard.Testing.Certificates;

namespace Dashboard.Certificates.Tests;

/// <summary>The cached fast path must reach the same verdict as a full X509Chain build, always.</summary>
public sealed class ChainVerifierTests
{
    private static readonly Dictionary<string, Func<(TestCertificate Leaf, TestCertificate[] Others)>> s_cases = new()
    {
        ["rsa leaf"] = () => (Pki.Rsa.Leaf().Leaf, [Pki.Rsa.Intermediate]),
        ["ecdsa leaf"] = () => (Pki.Ecdsa.Leaf(TestLeafSpec.Default with { KeyKind = TestKeyKind.EcdsaP256 }).Leaf, [Pki.Ecdsa.Intermediate]),
        ["root-issued leaf"] = () => (Pki.Ecdsa.RootIssuedLeaf().Leaf, []),
        ["root included"] = () => (Pki.Rsa.Leaf().Leaf, [Pki.Rsa.Intermediate, Pki.Rsa.Root]),
        ["expired leaf"] = () => (Pki.Rsa.Leaf(TestLeafSpec.Default.Expired()).Leaf, [Pki.Rsa.Intermediate]),
        ["corrupt signature"] = () => (new TestCertificate(X509CertificateLoader.LoadCertificate(TestCertificateFactory.WithCorruptSignature(Pki.Rsa.Leaf().Leaf.Der)), Pki.Rsa.Leaf().Leaf.Key), [Pki.Rsa.Intermediate]),
        ["unknown critical extension"] = () => (Pki.Rsa.Leaf(TestLeafSpec.Default with { ExtraExtensions = [new X509Extension("1.3.6.1.4.1.99999.1", [0x05, 0x00], true)] }).Leaf, [Pki.Rsa.Intermediate]),
        ["foreign"] = () => (Pki.Foreign.Leaf().Leaf, [Pki.Foreign.Intermediate, Pki.Foreign.Root]),
        ["missing intermediate"] = () => (Pki.Rsa.Leaf().Leaf, []),
        ["wrong intermediate"] = () => (Pki.Rsa.Leaf().Leaf, [Pki.Ecdsa.Intermediate]),
        ["trusted root itself"] = () => (Pki.Rsa.Root, []),
        ["sha1-signed leaf"] = () => (Pki.Rsa.Leaf(TestLeafSpec.Default with { SignatureHash = HashAlgorithmName.SHA1, KeyName = "sha1-leaf" }).Leaf, [Pki.Rsa.Intermediate]),
        ["leaf with cA=TRUE"] = () => (Pki.Rsa.Leaf(TestLeafSpec.Default with { CertificateAuthority = true, KeyName = "ca-leaf" }).Leaf, [Pki.Rsa.Intermediate]),
        ["leaf with cA=TRUE and keyCertSign"] = () => (Pki.Rsa.Leaf(TestLeafSpec.Default with { CertificateAuthority = true, KeyUsage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, KeyName = "ca-leaf" }).Leaf, [Pki.Rsa.Intermediate]),
        ["ip-san leaf"] = () => (Pki.Rsa.Leaf(TestLeafSpec.Default with { DnsNames = [], IpAddresses = [IPAddress.Loopback, IPAddress.IPv6Loopback], KeyName = "ip-leaf" }).Leaf, [Pki.Rsa.Intermediate]),
        ["ip-and-dns-san leaf"] = () => (Pki.Ecdsa.Leaf(TestLeafSpec.Default with { IpAddresses = [IPAddress.Parse("10.0.0.7")], KeyKind = TestKeyKind.EcdsaP256 }).Leaf, [Pki.Ecdsa.Intermediate]),
    };

    public static TheoryData<string> Cases => [.. s_cases.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verify_AnyChain_AgreesWithFullX509ChainBuild(string scenario)
    {
        var (leaf, others) = s_cases[scenario]();
        var leafData = X509Reader.Read(leaf.Der);
        var otherData = others.Select(o => X509Reader.Read(o.Der)).ToList();
        var store = TrustStore.Default.With([Pki.Rsa.Root.Certificate, Pki.Ecdsa.Root.Certificate]);

        var full = ChainVerifier.BuildWithX509Chain(leafData, otherData, store, Pki.Now);
        var first = ChainVerifier.Verify(leafData, otherData, store, Pki.Now);
        var cached = ChainVerifier.Verify(leafData, otherData, store, Pki.Now);

        Assert.Equal(full.Trusted, first.Trusted);
        Assert.Equal(full.Trusted, cached.Trusted);
        Assert.Equal(full.Problems.Select(p => p.Code), cached.Problems.Select(p => p.Code));
        if (full.Trusted)
        {
            Assert.Equal(full.Path.Select(c => c.Fingerprint), cached.Path.Select(c => c.Fingerprint));
        }
    }

    [Fact]
    public void Verify_SecondLeafOfSameIntermediate_UsesCachedIssuerPath()
    {
        var store = TrustStore.Default.With([Pki.Rsa.Root.Certificate]);
        var intermediate = X509Reader.Read(Pki.Rsa.Intermediate.Der);
        var first = X509Reader.Read(Pki.Rsa.Leaf().Leaf.Der);
        var second = X509Reader.Read(Pki.Rsa.Leaf(TestLeafSpec.Default with { Host = "second.example.org", KeyName = "second" }).Leaf.Der);

        var a = ChainVerifier.Verify(first, [intermediate], store, Pki.Now);
        var b = ChainVerifier.Verify(second, [intermediate], store, Pki.Now);

        Assert.True(a.Trusted && b.Trusted);
        Assert.True(b.FastPath);
        Assert.Equal(1, store.PathCache.Count);
    }

    [Fact]
    public void Verify_CachedPathAfterIntermediateExpiry_IsNotReused()
    {
        var store = TrustStore.Default.With([Pki.Rsa.Root.Certificate]);
        var intermediate = X509Reader.Read(Pki.Rsa.Intermediate.Der);
        var leaf = X509Reader.Read(Pki.Rsa.Leaf().Leaf.Der);
        ChainVerifier.Verify(leaf, [intermediate], store, Pki.Now);

        var later = ChainVerifier.Verify(leaf, [intermediate], store, Pki.Rsa.Intermediate.Certificate.NotAfter.ToUniversalTime().AddDays(1));

        Assert.False(later.FastPath);
    }

    [Fact]
    public void Validate_WithCache_GivesSameReportAsFreshStore()
    {
        var credential = Pki.Rsa.Leaf(TestLeafSpec.Default.WrongSan() with { KeyName = "cache-check" });
        var warm = Pki.Validator();
        warm.ValidateCredential(Pki.Rsa.Leaf().ChainPem, Pki.Rsa.Leaf().KeyPem(), Pki.Server);

        var fromCache = warm.ValidateCredential(credential.ChainPem, credential.KeyPem(), Pki.Server);
        var fresh = new CredentialValidator(Pki.Clock(), TrustStore.Default.With([Pki.Rsa.Root.Certificate])).ValidateCredential(credential.ChainPem, credential.KeyPem(), Pki.Server);

        Assert.Equal(fresh.Problems.Select(p => p.Code), fromCache.Problems.Select(p => p.Code));
    }
}
