using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Trust;
using Dashboard.Testing;

namespace Dashboard.Certificates.Tests;

public sealed class TrustStoreTests
{
    [Fact]
    public void Default_HoldsIsrgRootX1AndX2_WithPublishedFingerprints()
    {
        var fingerprints = TrustStore.Default.Roots.Select(r => r.Sha256Fingerprint).ToList();

        Assert.Equal(
            ["96BCEC06264976F37460779ACF28C5A7CFE8A3C0AAE11A8FFCEE05C0BDDF08C6", "69729B8E15A86EFC177A57AFB7171DFC64ADD28C2FCA8CF1507E34453CCB1470"],
            fingerprints);
        Assert.Equal("CN=ISRG Root X1, O=Internet Security Research Group, C=US", TrustStore.Default.Roots[0].Subject);
        Assert.Equal("CN=ISRG Root X2, O=Internet Security Research Group, C=US", TrustStore.Default.Roots[1].Subject);
        Assert.All(TrustStore.Default.Roots, r => Assert.True(r.IsSelfSigned));
    }

    [Theory]
    [InlineData("ISRG_Root_X1.pem", "96BCEC06264976F37460779ACF28C5A7CFE8A3C0AAE11A8FFCEE05C0BDDF08C6")]
    [InlineData("ISRG_Root_X2.pem", "69729B8E15A86EFC177A57AFB7171DFC64ADD28C2FCA8CF1507E34453CCB1470")]
    [InlineData("DST_Root_CA_X3.pem", "0687260331A72403D909F105E69BCF0D32E1BD2493FFC6D9206D11BCD6770739")]
    public void RootFile_InRepository_HasExpectedFingerprint(string file, string fingerprint)
    {
        var path = RepositoryPaths.Combine("src", "Dashboard.Certificates", "Trust", "Roots", file);
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));

        Assert.Equal(fingerprint, Convert.ToHexString(SHA256.HashData(certificate.RawData)));
    }

    [Fact]
    public void DstRootCaX3_IsKnown_AndExpiredIn2021()
    {
        var dst = TrustStore.DstRootCaX3;

        Assert.Equal("CN=DST Root CA X3, O=Digital Signature Trust Co.", dst.Subject);
        Assert.Equal(new DateTimeOffset(2021, 9, 30, 14, 1, 15, TimeSpan.Zero), dst.NotAfter);
        Assert.DoesNotContain(TrustStore.Default.Roots, r => r.Sha256Fingerprint == dst.Sha256Fingerprint);
    }

    [Fact]
    public void DstRootCaX3_BeforeItsExpiry_IsStillReportedAsExpired()
    {
        var pem = File.ReadAllText(RepositoryPaths.Combine("src", "Dashboard.Certificates", "Trust", "Roots", "DST_Root_CA_X3.pem"));
        var validator = new Validation.CredentialValidator(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)), TrustStore.Default);

        var report = validator.ValidateCaBundle(pem);

        var problem = Assert.Single(report.Problems, p => p.Code == ProblemCodes.DstRootX3);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains("expired on 2021-09-30", problem.Message, StringComparison.Ordinal);
        Assert.False(report.IsValid);
    }

    [Fact]
    public void With_ExtraRoot_TrustsItInAdditionToDefaults()
    {
        var store = TrustStore.Default.With([Pki.Rsa.Root.Certificate]);

        Assert.Equal(3, store.Roots.Count);
        Assert.True(store.Contains(Pki.Rsa.Root.Certificate));
        Assert.False(TrustStore.Default.Contains(Pki.Rsa.Root.Certificate));
    }

    [Fact]
    public void ToPem_DefaultPlusExtraRoot_ReadsBackAsExactlyTheSameRoots()
    {
        var store = TrustStore.Default.With([Pki.Rsa.Root.Certificate]);

        var pem = store.ToPem();
        var readBack = TrustStore.FromPem(pem);

        Assert.Equal(store.Roots.Select(r => r.Sha256Fingerprint), readBack.Roots.Select(r => r.Sha256Fingerprint));
        Assert.Equal(3, readBack.Roots.Count);
        Assert.Same(pem, store.ToPem());
    }

    [Fact]
    public void FromPem_WithoutCertificate_ThrowsNamingTheProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => TrustStore.FromPem("not a certificate"));

        Assert.Contains("no readable certificate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_ExplicitRoots_TrustsOnlyThose()
    {
        var store = TrustStore.From([Pki.Ecdsa.Root.Certificate], "the sandbox root");

        Assert.Single(store.Roots);
        Assert.Equal("the sandbox root", store.Description);
        Assert.True(store.Contains(Pki.Ecdsa.Root.Certificate));
    }
}
