using Dashboard.Certificates.Validation;
using Dashboard.Testing.Certificates;

namespace Dashboard.Certificates.Tests;

public sealed class CredentialValidatorTests
{
    private static readonly CredentialValidator s_validator = Pki.Validator();

    public static TheoryData<TestKeyKind, TestKeyFormat, bool> KeyVariants => new()
    {
        { TestKeyKind.Rsa2048, TestKeyFormat.Pkcs8, false },
        { TestKeyKind.Rsa2048, TestKeyFormat.Pkcs1, false },
        { TestKeyKind.Rsa4096, TestKeyFormat.Pkcs1, false },
        { TestKeyKind.EcdsaP256, TestKeyFormat.Pkcs8, false },
        { TestKeyKind.EcdsaP256, TestKeyFormat.Sec1, false },
        { TestKeyKind.EcdsaP384, TestKeyFormat.Sec1, true },
        { TestKeyKind.Rsa2048, TestKeyFormat.Pkcs8, true },
    };

    [Theory]
    [MemberData(nameof(KeyVariants))]
    public void ValidateCredential_LetsEncryptLikeServerCredential_IsValidWithOrderedPath(TestKeyKind kind, TestKeyFormat format, bool ecdsaHierarchy)
    {
        var hierarchy = ecdsaHierarchy ? Pki.Ecdsa : Pki.Rsa;
        var credential = hierarchy.Leaf(TestLeafSpec.Default with { KeyKind = kind });

        var report = s_validator.ValidateCredential(credential.ChainPem, credential.KeyPem(format), Pki.Server);

        Assert.True(report.IsValid, string.Join("\n", report.Problems));
        Assert.Empty(report.Problems);
        Assert.NotNull(report.Credential);
        Assert.Equal(
            [credential.Leaf.Sha256Fingerprint, hierarchy.Intermediate.Sha256Fingerprint, hierarchy.Root.Sha256Fingerprint],
            report.Path.Select(p => p.Sha256Fingerprint));
        Assert.Equal(hierarchy.Root.Sha256Fingerprint, report.Credential.Anchor.Sha256Fingerprint);
        Assert.Equal(credential.ChainPem, report.Credential.ChainPem);
        Assert.Equal(credential.ChainWithRootPem, report.Credential.ChainWithRootPem);
    }

    [Fact]
    public void ValidateCredential_ClientCertificateWithClientAuth_IsValidForClientPurpose()
    {
        var credential = Pki.Rsa.Leaf(TestLeafSpec.Default.ClientOnly() with { KeyName = "client" });

        var report = s_validator.ValidateCredential(credential.ChainPem, credential.KeyPem(), CredentialPurpose.Client());

        Assert.True(report.IsValid, string.Join("\n", report.Problems));
    }

    [Fact]
    public void ValidateCredential_RootIssuedLeafAndWildcardHost_IsValid()
    {
        var credential = Pki.Ecdsa.RootIssuedLeaf(TestLeafSpec.Default with { KeyKind = TestKeyKind.EcdsaP256 });

        var report = s_validator.ValidateCredential(credential.ChainPem, credential.KeyPem(), CredentialPurpose.Server("anything." + Pki.Host));

        Assert.True(report.IsValid, string.Join("\n", report.Problems));
        Assert.Equal(2, report.Path.Count);
    }

    [Fact]
    public void ValidateCredential_SecretBytes_AreAcceptedLikeText()
    {
        var credential = Pki.Rsa.Leaf();

        var report = s_validator.ValidateCredential(
            System.Text.Encoding.UTF8.GetBytes(credential.ChainPem), System.Text.Encoding.UTF8.GetBytes(credential.KeyPem(TestKeyFormat.Pkcs1)), Pki.Server);

        Assert.True(report.IsValid, string.Join("\n", report.Problems));
    }

    [Fact]
    public void ValidateChain_WithoutKey_FindsAnchor()
    {
        var credential = Pki.Rsa.Leaf();

        var report = s_validator.ValidateChain(credential.ChainPem, Pki.Server);

        Assert.True(report.IsValid, string.Join("\n", report.Problems));
        Assert.Equal(Pki.Rsa.Root.Sha256Fingerprint, report.Anchor?.Sha256Fingerprint);
    }

    [Fact]
    public void ValidateCredential_DefaultTrustStore_RejectsTestRootAsUntrusted()
    {
        var credential = Pki.Rsa.Leaf();
        var validator = new CredentialValidator(Pki.Clock(), Trust.TrustStore.Default);

        var report = validator.ValidateCredential(credential.ChainWithRootPem, credential.KeyPem(), Pki.Server);

        Assert.False(report.IsValid);
        Assert.Contains(report.Problems, p => p.Code == ProblemCodes.ChainUntrusted && p.Message.Contains("Test ISRG Root X1", StringComparison.Ordinal));
        Assert.Null(report.Credential);
    }

    [Fact]
    public void CaBundleFor_ServerCredential_IsItsIssuingRootFromTheTrustStore()
    {
        var credential = Pki.Rsa.Leaf();
        var report = s_validator.ValidateCredential(credential.ChainPem, credential.KeyPem(), Pki.Server);

        var bundle = s_validator.CaBundleFor(report.Credential!);

        Assert.True(bundle.IsValid, string.Join("\n", bundle.Problems));
        Assert.Equal(Pki.Rsa.Root.Pem, bundle.Pem);
        Assert.True(s_validator.VerifyWithCaBundle(bundle.Pem, credential.ChainPem, Pki.Server).IsValid);
    }
}
