using System.Text;
using Dashboard.Sandbox.DataPlane.Tls;
using Dashboard.Sandbox.Tests.DataPlane.Infrastructure;
using Dashboard.Testing.Certificates;

namespace Dashboard.Sandbox.Tests.DataPlane.Units;

/// <summary>
/// The data plane's chain verdicts against <c>openssl verify</c> (no <c>-partial_chain</c>, as Envoy and nginx
/// verify): the same CA bundle, the same certificates sent, the same purpose, the same time.
/// </summary>
public sealed class PeerVerifierOpenSslTests : IDisposable
{
    private static readonly DataPlanePki Pki = DataPlanePki.Shared;
    private readonly OpenSslCli _openssl = new();

    public static TheoryData<string> Cases => new(Scenarios.Keys);

    private static readonly Dictionary<string, (TestCredential Leaf, string Bundle, bool SendIntermediates, PeerPurpose Purpose, TimeSpan Shift)> Scenarios = new()
    {
        ["client from the private CA, root in bundle"] = (Pki.AlbClient, Pki.PrivateCa.Root.Pem, true, PeerPurpose.SslClient, TimeSpan.Zero),
        ["server chain, root in bundle"] = (Pki.Gateway, Pki.LetsEncrypt.Root.Pem, true, PeerPurpose.SslServer, TimeSpan.Zero),
        ["server chain, intermediate only in bundle"] = (Pki.Gateway, Pki.LetsEncrypt.Intermediate.Pem, true, PeerPurpose.SslServer, TimeSpan.Zero),
        ["leaf only sent, root and intermediate in bundle"] = (Pki.Gateway, Pki.LetsEncrypt.Root.Pem + Pki.LetsEncrypt.Intermediate.Pem, false, PeerPurpose.SslServer, TimeSpan.Zero),
        ["leaf only sent, root in bundle"] = (Pki.Gateway, Pki.LetsEncrypt.Root.Pem, false, PeerPurpose.SslServer, TimeSpan.Zero),
        ["serverAuth-only certificate as client"] = (Pki.Alb, Pki.LetsEncrypt.Root.Pem, true, PeerPurpose.SslClient, TimeSpan.Zero),
        ["clientAuth certificate as client"] = (Pki.AlbWithClientAuth, Pki.LetsEncrypt.Root.Pem, true, PeerPurpose.SslClient, TimeSpan.Zero),
        ["clientAuth-only certificate as server"] = (Pki.AlbClient, Pki.PrivateCa.Root.Pem, true, PeerPurpose.SslServer, TimeSpan.Zero),
        ["rogue chain"] = (Pki.RogueClient, Pki.PrivateCa.Root.Pem, true, PeerPurpose.SslClient, TimeSpan.Zero),
        ["expired by 100 days on"] = (Pki.Gateway, Pki.LetsEncrypt.Root.Pem, true, PeerPurpose.SslServer, TimeSpan.FromDays(100)),
        ["not yet valid 20 days ago"] = (Pki.Gateway, Pki.LetsEncrypt.Root.Pem, true, PeerPurpose.SslServer, TimeSpan.FromDays(-20)),
        ["seed's trusted.crt (leaf, intermediate, root) as bundle"] = (Pki.Gateway, Pki.Gateway.ChainWithRootPem, true, PeerPurpose.SslServer, TimeSpan.Zero),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verify_Scenario_AgreesWithOpenSslVerify(string scenario)
    {
        var (leaf, bundle, sendIntermediates, purpose, shift) = Scenarios[scenario];
        var at = Pki.Now + shift;
        var sent = sendIntermediates ? leaf.Intermediates.Select(i => i.Certificate).ToList() : [];

        var verdict = PeerVerifier.Verify(leaf.Leaf.Certificate, sent, TrustBundle.Load(Encoding.ASCII.GetBytes(bundle), "bundle", out _)!, at, purpose);
        var openssl = OpenSslCli.Verify(
            _openssl.Write("bundle.pem", bundle),
            _openssl.Write("leaf.pem", leaf.Leaf.Pem),
            sendIntermediates && leaf.Intermediates.Count > 0 ? _openssl.Write("untrusted.pem", string.Concat(leaf.Intermediates.Select(i => i.Pem))) : null,
            purpose == PeerPurpose.SslClient ? "sslclient" : "sslserver",
            at);

        Assert.True(openssl.Succeeded == verdict.Trusted, $"{scenario}: openssl {(openssl.Succeeded ? "accepts" : "refuses")} ({openssl.Output.Trim()}), data plane says {verdict.Reason}");
    }

    public void Dispose() => _openssl.Dispose();
}
