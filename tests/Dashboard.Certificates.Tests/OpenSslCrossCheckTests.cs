using Dashboard.Certificates.Layouts;
using Dashboard.Certificates.Parsing;
using Dashboard.Certificates.Validation;
using Dashboard.Testing.Certificates;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Certificates.Tests.LayoutFixture;

namespace Dashboard.Certificates.Tests;

/// <summary>Every assembled layout, and a set of defective chains, judged by openssl and by us: the verdicts must agree.</summary>
public sealed class OpenSslCrossCheckTests : IDisposable
{
    private readonly OpenSslCli _openssl = new();

    public void Dispose() => _openssl.Dispose();

    [Fact]
    public void LegacyLayout_BothJudges_AcceptServerChainAndClientCa()
    {
        var secrets = LegacyGatewayLayout.Assemble(Server(), ClientCa()).Value!;

        AssertServerChainAgrees(secrets.Certs.GetText("tls.crt"), Pki.Rsa.Root.Pem, expectValid: true);
        AssertClientAgrees(secrets.CaCerts.GetText(LegacyGatewayLayout.DefaultCaFileName), ClientCredential.ChainPem, expectValid: true);
    }

    [Theory]
    [InlineData(CaPlacement.SeparateSecret)]
    [InlineData(CaPlacement.SameSecret)]
    public void CurrentLayout_BothJudges_AcceptServerChainAndClientCa(CaPlacement placement)
    {
        var secrets = CurrentGatewayLayout.Assemble("gw", Server(), ClientCa(), new CurrentGatewayOptions(placement)).Value!;
        var ca = (secrets.CaSecret ?? secrets.Credential).GetText("ca.crt");

        AssertServerChainAgrees(secrets.Credential.GetText("tls.crt"), Pki.Rsa.Root.Pem, expectValid: true);
        AssertClientAgrees(ca, ClientCredential.ChainPem, expectValid: true);
    }

    [Fact]
    public void IbmIngressLayout_BothJudges_AcceptClientAndVerifyGatewayWithTrustedCrt()
    {
        var secret = AlbLayout.AssembleIbmIngress(Client(), ServerCa()).Value!;

        AssertClientAgrees(ClientCa().Pem, secret.GetText("client.crt"), expectValid: true);
        AssertServerChainAgrees(ServerCredential.ChainPem, secret.GetText("trusted.crt"), expectValid: true);
        Assert.True(Validator.ValidateCredential(secret.Data["client.crt"], secret.Data["client.key"], CredentialPurpose.Client()).IsValid);
        Assert.True(OpenSslCli.Run(["pkey", "-in", _openssl.Write("client.key", secret.Data["client.key"]), "-noout"]).Succeeded);
    }

    [Fact]
    public void IngressNginxLayout_BothJudges_AcceptClientAndVerifyGatewayWithCaCrt()
    {
        var secret = AlbLayout.AssembleIngressNginx(Client(), ServerCa()).Value!;

        AssertClientAgrees(ClientCa().Pem, secret.GetText("tls.crt"), expectValid: true);
        AssertServerChainAgrees(ServerCredential.ChainPem, secret.GetText("ca.crt"), expectValid: true);
    }

    [Fact]
    public void LetsEncryptLikeLeafAsClient_BothJudges_Refuse()
    {
        AssertClientAgrees(Pki.Rsa.Root.Pem, ServerCredential.ChainPem, expectValid: false);
    }

    [Fact]
    public void ClientCertUnderServerOnlyIntermediate_BothJudges_Refuse()
    {
        var hierarchy = TestHierarchy.LetsEncryptLike(Pki.Now, new TestHierarchyOptions { IntermediateName = "CN=Test YE1", IntermediateEkus = ["1.3.6.1.5.5.7.3.1"], KeyNamespace = "le" });
        var client = hierarchy.Leaf(TestLeafSpec.Default.WithClientAuth());

        AssertClientAgrees(hierarchy.Root.Pem, client.ChainPem, expectValid: false);
    }

    public static TheoryData<string> DefectiveServerChains => ["expired leaf", "not yet valid", "wrong host", "foreign root", "missing intermediate", "bad signature", "sha1 leaf", "valid"];

    [Theory]
    [MemberData(nameof(DefectiveServerChains))]
    public void ServerChain_Defect_BothJudgesAgree(string defect)
    {
        var (chain, ca) = defect switch
        {
            "expired leaf" => (Pki.Rsa.Leaf(TestLeafSpec.Default.Expired()).ChainPem, Pki.Rsa.Root.Pem),
            "not yet valid" => (Pki.Rsa.Leaf(TestLeafSpec.Default.NotYetValid()).ChainPem, Pki.Rsa.Root.Pem),
            "wrong host" => (Pki.Rsa.Leaf(TestLeafSpec.Default.WrongSan()).ChainPem, Pki.Rsa.Root.Pem),
            "foreign root" => (Pki.Foreign.Leaf().ChainPem, Pki.Rsa.Root.Pem),
            "missing intermediate" => (Pki.Rsa.Leaf().Leaf.Pem, Pki.Rsa.Root.Pem),
            "bad signature" => (TestCertificateFactory.ToPem(TestCertificateFactory.WithCorruptSignature(Pki.Rsa.Leaf().Leaf.Der)) + Pki.Rsa.Intermediate.Pem, Pki.Rsa.Root.Pem),
            "sha1 leaf" => (Pki.Rsa.Leaf(TestLeafSpec.Default with { SignatureHash = System.Security.Cryptography.HashAlgorithmName.SHA1 }).ChainPem, Pki.Rsa.Root.Pem),
            _ => (Pki.Rsa.Leaf().ChainPem, Pki.Rsa.Root.Pem),
        };

        AssertServerChainAgrees(chain, ca, expectValid: defect is "valid" or "sha1 leaf");
    }

    [Theory]
    [InlineData(-200)]
    [InlineData(-100)]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(400)]
    public void TimeShifted_BothJudgesAgreeOnValidity(int days)
    {
        var at = Pki.Now.AddDays(days);
        var chain = Pki.Rsa.Leaf().ChainPem;
        var ours = new CredentialValidator(new FakeTimeProvider(at), Pki.Store).VerifyWithCaBundle(Pki.Rsa.Root.Pem, chain, Pki.Server);
        var theirs = OpenSslVerify(Pki.Rsa.Root.Pem, chain, "sslserver", at, Pki.Host);

        Assert.Equal(theirs.Succeeded, ours.IsValid);
    }

    [Theory]
    [InlineData(80, 30, false)]
    [InlineData(10, 30, true)]
    [InlineData(-5, 30, true)]
    [InlineData(40, 45, true)]
    public void CheckEnd_ExpiryWindow_MatchesOpenSsl(int daysLeft, int windowDays, bool expectExpiring)
    {
        // x509 -checkend reads the machine clock, so this hierarchy is built around the real "now".
        var now = DateTimeOffset.UtcNow;
        var hierarchy = TestHierarchy.LetsEncryptLike(now);
        var leaf = hierarchy.Leaf(TestLeafSpec.Default with { NotBeforeOffset = TimeSpan.FromDays(daysLeft - 90) });
        var validator = new CredentialValidator(new FakeTimeProvider(now), TrustStore(hierarchy), new ValidationOptions { ExpiryWarningWindow = TimeSpan.FromDays(windowDays) });

        var ours = validator.ValidateChain(leaf.ChainPem, Pki.Server).Problems.Any(p => p.Code is ProblemCodes.ExpiringSoon or ProblemCodes.Expired);
        var theirs = OpenSslCli.CheckEnd(_openssl.Write("leaf.pem", leaf.Leaf.Pem), TimeSpan.FromDays(windowDays));

        Assert.Equal(expectExpiring, ours);
        Assert.Equal(expectExpiring, !theirs.Succeeded);
    }

    private static Trust.TrustStore TrustStore(TestHierarchy hierarchy) => Trust.TrustStore.From([hierarchy.Root.Certificate]);

    private void AssertServerChainAgrees(string chainPem, string caPem, bool expectValid)
    {
        var ours = Validator.VerifyWithCaBundle(caPem, chainPem, Pki.Server);
        var theirs = OpenSslVerify(caPem, chainPem, "sslserver", Pki.Now, Pki.Host);

        Assert.True(expectValid == theirs.Succeeded, "openssl: " + theirs.Output);
        Assert.True(expectValid == ours.IsValid, "ours: " + string.Join("\n", ours.Problems));
    }

    private void AssertClientAgrees(string caPem, string chainPem, bool expectValid)
    {
        var ours = Validator.VerifyWithCaBundle(caPem, chainPem, CredentialPurpose.Client());
        var theirs = OpenSslVerify(caPem, chainPem, "sslclient", Pki.Now, null);

        Assert.True(expectValid == theirs.Succeeded, "openssl: " + theirs.Output);
        Assert.True(expectValid == ours.IsValid, "ours: " + string.Join("\n", ours.Problems));
    }

    private OpenSslResult OpenSslVerify(string caPem, string chainPem, string purpose, DateTimeOffset at, string? host)
    {
        var entries = PemBundle.Parse(chainPem).Entries;
        var leaf = _openssl.Write("leaf.pem", entries[0].ToPem());
        var rest = entries.Count > 1 ? _openssl.Write("untrusted.pem", string.Concat(entries.Skip(1).Select(e => e.ToPem()))) : null;
        return OpenSslCli.Verify(_openssl.Write("ca.pem", caPem), leaf, rest, purpose, at, host);
    }
}
