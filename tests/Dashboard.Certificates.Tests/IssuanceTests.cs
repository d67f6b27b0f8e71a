using System.Net;
using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Issuance;
using Dashboard.Certificates.Trust;
using Dashboard.Certificates.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Certificates.Tests;

public sealed class IssuanceTests
{
    [Fact]
    public void CreateRoot_Default_IsSelfSignedEcdsaP256CaFromTheClock()
    {
        var clock = new FakeTimeProvider(Pki.Now);

        using var root = CertificateAuthority.CreateRoot(clock, new CaOptions { SubjectName = "CN=Sandbox ISRG Root X1, O=Sandbox" });

        Assert.True(root.IsRoot);
        Assert.True(root.Summary.IsSelfSigned);
        Assert.True(root.Summary.IsCertificateAuthority);
        Assert.Equal(KeyAlgorithm.Ecdsa, root.Summary.KeyAlgorithm);
        Assert.Equal("P-256", root.Summary.CurveName);
        Assert.Equal(Pki.Now, root.Summary.NotBefore);
        Assert.Equal(Pki.Now.AddDays(3650), root.Summary.NotAfter);
        Assert.Equal(root.CertificatePem, root.RootPem);
    }

    [Theory]
    [InlineData(KeyType.EcdsaP256, KeyType.Rsa2048, KeyType.Rsa2048)]
    [InlineData(KeyType.Rsa2048, KeyType.EcdsaP384, KeyType.EcdsaP256)]
    [InlineData(KeyType.EcdsaP384, KeyType.EcdsaP384, KeyType.EcdsaP384)]
    [InlineData(KeyType.EcdsaP256, KeyType.EcdsaP256, KeyType.Rsa3072)]
    public void Hierarchy_LetsEncryptLike_IssuesValidServerCredential(KeyType rootKey, KeyType intermediateKey, KeyType leafKey)
    {
        var clock = new FakeTimeProvider(Pki.Now);
        using var root = CertificateAuthority.CreateRoot(clock, new CaOptions { SubjectName = "CN=Sandbox Root", KeyType = rootKey });
        using var intermediate = root.IssueIntermediate(new CaOptions { SubjectName = "CN=Sandbox R1", KeyType = intermediateKey, Lifetime = TimeSpan.FromDays(1000), ExtendedKeyUsages = LeafUsages.ServerAuth });

        using var leaf = intermediate.Issue(new LeafRequest { DnsNames = [Pki.Host, "*." + Pki.Host], KeyType = leafKey });

        var validator = new CredentialValidator(clock, TrustStore.Default.With([root.Certificate]));
        var report = validator.ValidateCredential(leaf.ChainPem, leaf.ExportPrivateKeyPem(), CredentialPurpose.Server(Pki.Host, "x." + Pki.Host));
        Assert.True(report.IsValid, string.Join("\n", report.Problems));
        Assert.Equal(3, report.Path.Count);
        Assert.Equal(["serverAuth"], leaf.Summary.ExtendedKeyUsageNames);
        Assert.Equal(TimeSpan.FromDays(90), leaf.Summary.NotAfter - leaf.Summary.NotBefore);
        Assert.Equal(Pki.Now, leaf.Summary.NotBefore);
        Assert.Equal(0, intermediate.Summary.PathLengthConstraint);
        Assert.Equal(root.RootPem, intermediate.RootPem);
        Assert.False(validator.ValidateCredential(leaf.ChainPem, leaf.ExportPrivateKeyPem(), CredentialPurpose.Client()).IsValid);
    }

    [Fact]
    public void Issue_ClientAndServerUsagesWithIpAndExplicitWindow_AreHonoured()
    {
        var clock = new FakeTimeProvider(Pki.Now);
        using var root = CertificateAuthority.CreateRoot(clock);
        var notBefore = Pki.Now.AddDays(-1);

        using var leaf = root.Issue(new LeafRequest
        {
            CommonName = "alb-client",
            IpAddresses = [IPAddress.Parse("127.0.0.1")],
            Usages = LeafUsages.ServerAuth | LeafUsages.ClientAuth,
            NotBefore = notBefore,
            NotAfter = notBefore.AddDays(7),
        });

        Assert.Equal("CN=alb-client", leaf.Summary.Subject);
        Assert.Equal(["127.0.0.1"], leaf.Summary.IpAddresses);
        Assert.Equal(["serverAuth", "clientAuth"], leaf.Summary.ExtendedKeyUsageNames);
        Assert.Equal(notBefore, leaf.Summary.NotBefore);
        Assert.Equal(notBefore.AddDays(7), leaf.Summary.NotAfter);
        Assert.Equal("", leaf.IssuerChainPem);
        Assert.True(leaf.Certificate.HasPrivateKey);
    }

    [Fact]
    public void Issue_BeyondIssuerExpiry_IsClampedToIt()
    {
        var clock = new FakeTimeProvider(Pki.Now);
        using var root = CertificateAuthority.CreateRoot(clock, new CaOptions { Lifetime = TimeSpan.FromDays(30) });

        using var leaf = root.Issue(new LeafRequest { DnsNames = ["a.example.org"], Lifetime = TimeSpan.FromDays(90) });

        Assert.Equal(root.Summary.NotAfter, leaf.Summary.NotAfter);
    }

    [Fact]
    public void Load_ExportedRoot_IssuesCertificatesTheOriginalVerifies()
    {
        var clock = new FakeTimeProvider(Pki.Now);
        using var original = CertificateAuthority.CreateRoot(clock, new CaOptions { KeyType = KeyType.Rsa2048 });

        using var restored = CertificateAuthority.Load(original.CertificatePem, original.ExportPrivateKeyPem(), clock);
        using var leaf = restored.Issue(new LeafRequest { DnsNames = ["a.example.org"] });

        Assert.True(restored.IsRoot);
        Assert.Equal(original.Summary.Sha256Fingerprint, restored.Summary.Sha256Fingerprint);
        var validator = new CredentialValidator(clock, TrustStore.Default);
        Assert.True(validator.VerifyWithCaBundle(original.CertificatePem, leaf.ChainPem, CredentialPurpose.Server("a.example.org")).IsValid);
    }

    [Fact]
    public void Load_KeyOfAnotherCa_ThrowsWithoutKeyMaterial()
    {
        var clock = new FakeTimeProvider(Pki.Now);
        using var a = CertificateAuthority.CreateRoot(clock);
        using var b = CertificateAuthority.CreateRoot(clock);
        var key = b.ExportPrivateKeyPem();

        var ex = Assert.Throws<ArgumentException>(() => CertificateAuthority.Load(a.CertificatePem, key, clock));

        Assert.Contains("does not belong", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretLeakTests.Body(key), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LeafAsCa_IsRefused()
    {
        var leaf = Pki.Rsa.Leaf();

        var ex = Assert.Throws<ArgumentException>(() => CertificateAuthority.Load(leaf.Leaf.Pem, leaf.KeyPem(), new FakeTimeProvider(Pki.Now)));

        Assert.Contains("not a CA", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportedKeys_ArePkcs8AndNeverInToString()
    {
        using var root = CertificateAuthority.CreateRoot(new FakeTimeProvider(Pki.Now));
        using var leaf = root.Issue(new LeafRequest { DnsNames = ["a.example.org"], KeyType = KeyType.Rsa2048 });
        var key = leaf.ExportPrivateKeyPem();

        Assert.StartsWith("-----BEGIN PRIVATE" + " KEY-----", key, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretLeakTests.Body(key), leaf.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", root.ToString(), StringComparison.Ordinal);
    }
}
