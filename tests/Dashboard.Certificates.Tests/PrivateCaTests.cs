using Dashboard.Certificates.Issuance;
using Dashboard.Certificates.Layouts;
using Dashboard.Certificates.Trust;
using Dashboard.Certificates.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Certificates.Tests;

public sealed class PrivateCaTests
{
    [Fact]
    public void IssueClientCertificate_ValidatesAgainstItsCaWithClientAuth()
    {
        var clock = new FakeTimeProvider(Pki.Now);
        using var ca = PrivateCa.Create(clock);

        using var client = ca.IssueClientCertificate("alb.mycluster.example", TimeSpan.FromDays(30));

        var validator = new CredentialValidator(clock, TrustStore.Default);
        var verdict = validator.VerifyWithCaBundle(ca.CaCertificatePem, client.ChainPem, CredentialPurpose.Client());
        Assert.True(verdict.IsValid, string.Join("\n", verdict.Problems));
        Assert.Equal(["clientAuth"], client.Summary.ExtendedKeyUsageNames);
        Assert.Equal("P-256", ca.CaSummary.CurveName);
        Assert.Equal(Pki.Now.AddDays(30), client.Summary.NotAfter);
        Assert.Equal(Pki.Now.AddMinutes(-5), client.Summary.NotBefore);
        Assert.False(validator.VerifyWithCaBundle(ca.CaCertificatePem, client.ChainPem, CredentialPurpose.Server("alb.mycluster.example")).IsValid);
    }

    [Fact]
    public void ClientCredential_FitsBothAlbLayoutsAndTheGatewayClientCa()
    {
        var clock = new FakeTimeProvider(Pki.Now);
        using var ca = PrivateCa.Create(clock, new PrivateCaOptions { ClientKeyType = KeyType.Rsa2048 });
        using var client = ca.IssueClientCertificate("alb");
        var validator = new CredentialValidator(clock, TrustStore.Default.With([LoadCa(ca)]));

        var credential = validator.ValidateCredential(client.ChainPem, client.ExportPrivateKeyPem(), CredentialPurpose.Client());
        var clientCa = validator.ValidateCaBundle(ca.CaCertificatePem);
        var alb = AlbLayout.AssembleIngressNginx(credential, LayoutFixture.ServerCa());
        var gateway = CurrentGatewayLayout.AssembleCaSecret("gw", clientCa);

        Assert.True(credential.IsValid, string.Join("\n", credential.Problems));
        Assert.True(alb.Succeeded && gateway.Succeeded);
        Assert.True(validator.VerifyWithCaBundle(gateway.Value!.GetText("ca.crt"), alb.Value!.GetText("tls.crt"), CredentialPurpose.Client()).IsValid);
    }

    [Fact]
    public void ShouldReissue_FollowsTheThresholdAsTheClockMoves()
    {
        var clock = new FakeTimeProvider(Pki.Now);
        using var ca = PrivateCa.Create(clock, new PrivateCaOptions { ClientLifetime = TimeSpan.FromDays(90), ReissueBefore = TimeSpan.FromDays(30) });
        using var client = ca.IssueClientCertificate("alb");

        var fresh = ca.ShouldReissue(client.ChainPem);
        clock.Advance(TimeSpan.FromDays(59));
        var justBefore = ca.ShouldReissue(client.ChainPem);
        clock.Advance(TimeSpan.FromDays(1));
        var due = ca.ShouldReissue(client.ChainPem);

        Assert.False(fresh.Reissue);
        Assert.Equal(Pki.Now.AddDays(60), fresh.ReissueAt);
        Assert.False(justBefore.Reissue);
        Assert.True(due.Reissue);
        Assert.Contains("re-issue was due", due.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldReissue_ShortLifetime_UsesAThirdOfIt()
    {
        var clock = new FakeTimeProvider(Pki.Now);
        using var ca = PrivateCa.Create(clock, new PrivateCaOptions { ClockSkewAllowance = TimeSpan.Zero });
        using var client = ca.IssueClientCertificate("alb", TimeSpan.FromDays(3));

        Assert.False(ca.ShouldReissue(client.ChainPem).Reissue);
        Assert.Equal(Pki.Now.AddDays(2), ca.ShouldReissue(client.ChainPem).ReissueAt);
    }

    [Fact]
    public void ShouldReissue_MissingForeignOrServerOnly_Reissues()
    {
        var clock = new FakeTimeProvider(Pki.Now);
        using var ca = PrivateCa.Create(clock);
        using var other = PrivateCa.Create(clock);
        using var foreign = other.IssueClientCertificate("alb");

        Assert.True(ca.ShouldReissue(null).Reissue);
        Assert.True(ca.ShouldReissue("garbage").Reissue);
        Assert.Contains("not issued by this CA", ca.ShouldReissue(foreign.ChainPem).Reason, StringComparison.Ordinal);
        Assert.True(ca.ShouldReissue(Pki.Rsa.Leaf().ChainPem).Reissue);
    }

    [Fact]
    public void Load_SavedCa_KeepsIssuingForTheSameTrust()
    {
        var clock = new FakeTimeProvider(Pki.Now);
        using var ca = PrivateCa.Create(clock);
        using var restored = PrivateCa.Load(ca.CaCertificatePem, ca.ExportCaPrivateKeyPem(), clock);

        using var client = restored.IssueClientCertificate("alb");

        Assert.False(ca.ShouldReissue(client.ChainPem).Reissue);
        Assert.True(new CredentialValidator(clock, TrustStore.Default).VerifyWithCaBundle(ca.CaCertificatePem, client.ChainPem, CredentialPurpose.Client()).IsValid);
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCa(PrivateCa ca) =>
        System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(ca.CaCertificatePem);
}
