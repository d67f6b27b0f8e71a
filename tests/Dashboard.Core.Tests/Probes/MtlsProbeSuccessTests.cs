using System.Net;
using System.Security.Authentication;
using Dashboard.Core.Probes;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Probes;

public sealed class MtlsProbeSuccessTests
{
    private readonly ProbePki _pki = new();

    [Fact]
    public async Task ProbeAsync_MutualTlsExpecting418_ReturnsTeapotTimingsChainAndTlsVersion()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server, ClientCertificates.Required, _pki.ClientRoot);
        var (probe, _) = ProbeKit.Create();
        var request = ProbeKit.Request(server.Port, "/status/418", _pki) with
        {
            ClientCredential = _pki.Client.ToProbeCredential(),
            ExpectedStatusCode = 418,
        };

        var result = await probe.ProbeAsync(request, ProbeKit.Deadline());

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Null(result.Failure);
        Assert.Equal(418, result.StatusCode);
        Assert.Equal(LoopbackTlsServer.Teapot, result.BodyExcerpt);
        Assert.Contains("-=[ teapot ]=-", result.BodyExcerpt);

        var timings = result.Timings;
        Assert.Equal(TimeSpan.Zero, timings.DnsLookup);
        Assert.True(timings.Connect > TimeSpan.Zero, $"connect {timings.Connect}");
        Assert.True(timings.TlsHandshake > TimeSpan.Zero, $"handshake {timings.TlsHandshake}");
        Assert.True(timings.TimeToFirstByte >= timings.Connect + timings.TlsHandshake, $"first byte {timings.TimeToFirstByte}");
        Assert.True(timings.Total >= timings.TimeToFirstByte, $"total {timings.Total}");

        // The server sends its leaf and intermediate; the probe reports both, leaf first, as sent.
        Assert.Collection(
            result.ServerCertificateChain,
            leaf =>
            {
                Assert.Equal(_pki.Server.Certificate.Subject, leaf.Subject);
                Assert.Equal(_pki.ServerIntermediate.Certificate.Subject, leaf.Issuer);
                Assert.Equal(_pki.Server.Certificate.SerialNumber, leaf.SerialNumber);
                Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(_pki.Server.Certificate.RawData)), leaf.Sha256Fingerprint);
                Assert.Equal(_pki.Server.Certificate.NotAfter.ToUniversalTime(), leaf.NotAfter.UtcDateTime);
                Assert.Contains(ProbePki.GatewayHost, leaf.DnsNames);
            },
            intermediate => Assert.Equal(_pki.ServerIntermediate.Certificate.Subject, intermediate.Subject));

        Assert.Contains(result.TlsProtocol, new SslProtocols?[] { SslProtocols.Tls12, SslProtocols.Tls13 });
        Assert.NotNull(result.CipherSuite);
        Assert.True(result.ServerRequestedClientCertificate);
        Assert.True(result.ClientCertificateSent);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, server.Port), result.RemoteEndPoint);

        // The server trusts only the client root, so it could build the path only because the intermediate was sent.
        Assert.Equal(["CN=alb-client"], server.AcceptedClients);
        Assert.Equal([ProbePki.GatewayHost], server.ServerNames);
    }

    [Fact]
    public async Task ProbeAsync_NoExpectedStatus_Any2xxSucceeds()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server);
        var (probe, _) = ProbeKit.Create();

        var result = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/status/204", _pki), ProbeKit.Deadline());

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(204, result.StatusCode);
        Assert.Equal("", result.BodyExcerpt);
    }

    [Fact]
    public async Task ProbeAsync_ServerDoesNotAskForClientCertificate_SucceedsWithoutSendingIt()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server);
        var (probe, _) = ProbeKit.Create();
        var request = ProbeKit.Request(server.Port, "/status/200", _pki) with { ClientCredential = _pki.Client.ToProbeCredential() };

        var result = await probe.ProbeAsync(request, ProbeKit.Deadline());

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.False(result.ServerRequestedClientCertificate);
        Assert.False(result.ClientCertificateSent);
    }

    [Fact]
    public async Task ProbeAsync_DnsEndPointOverrideToLocalhost_ResolvesWithTheSystemResolver()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server);
        var probe = new MtlsProbe(TimeProvider.System, new Microsoft.Extensions.Logging.Testing.FakeLogger<MtlsProbe>());
        var request = ProbeKit.Request(server.Port, "/status/200", _pki) with
        {
            EndpointOverrides = new Dictionary<string, EndPoint> { ["GATEWAY.test"] = new DnsEndPoint("localhost", server.Port) },
        };

        var result = await probe.ProbeAsync(request, ProbeKit.Deadline());

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.NotNull(result.Timings.DnsLookup);
        Assert.True(IPAddress.IsLoopback(result.RemoteEndPoint!.Address));
    }

    [Fact]
    public async Task ProbeAsync_SniOverride_SendsThatNameAndChecksTheCertificateAgainstIt()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server);
        var (probe, _) = ProbeKit.Create();
        var request = new ProbeRequest(new Uri($"https://127.0.0.1:{server.Port}/headers"))
        {
            TrustedCaBundlePem = _pki.ServerRoot.Pem,
            SniOverride = ProbePki.GatewayHost,
            Headers = new Dictionary<string, string> { ["X-Probe"] = "yes" },
        };

        var result = await probe.ProbeAsync(request, ProbeKit.Deadline());

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal([ProbePki.GatewayHost], server.ServerNames);
        Assert.Contains($"Host: {ProbePki.GatewayHost}:{server.Port}", result.BodyExcerpt);
        Assert.Contains("X-Probe: yes", result.BodyExcerpt);
    }

    [Fact]
    public async Task ProbeAsync_ExpectedServerName_ChecksThatNameInsteadOfTheUrlHost()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server);
        var (probe, _) = ProbeKit.Create();
        var request = ProbeKit.Request(server.Port, "/status/200", _pki, host: "alias.test");

        var mismatch = await probe.ProbeAsync(request, ProbeKit.Deadline());
        var matched = await probe.ProbeAsync(request with { ExpectedServerName = ProbePki.GatewayHost }, ProbeKit.Deadline());

        Assert.Equal(ProbeFailureReason.ServerCertificateNameMismatch, mismatch.Failure?.Reason);
        Assert.True(matched.Succeeded, matched.Failure?.Message);
    }

    [Fact]
    public async Task ProbeAsync_RsaPkcs1KeyAndBundleWithIntermediateFirst_FindsTheLeafByItsKey()
    {
        var client = _pki.ClientIntermediate.IssueClient("rsa-client", rsa: true);
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server, ClientCertificates.Required, _pki.ClientRoot);
        var (probe, _) = ProbeKit.Create();
        var bundle = _pki.ClientIntermediate.Pem + "\n" + client.Certificate.ExportCertificatePem();
        var request = ProbeKit.Request(server.Port, "/status/200", _pki) with { ClientCredential = new(bundle, client.KeyPem) };

        var result = await probe.ProbeAsync(request, ProbeKit.Deadline());

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(["CN=rsa-client"], server.AcceptedClients);
    }

    [Fact]
    public async Task ProbeAsync_LongBody_KeepsOnlyTheExcerpt()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server);
        var (probe, _) = ProbeKit.Create();

        var result = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/big", _pki) with { BodyExcerptLength = 100 }, ProbeKit.Deadline());

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(new string('x', 100), result.BodyExcerpt);
    }

    [Fact]
    public async Task AddMtlsProbe_Resolves_AProbeThatWorks()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server);
        using var services = new ServiceCollection().AddLogging().AddMtlsProbe().BuildServiceProvider();
        var probe = services.GetRequiredService<IMtlsProbe>();

        var result = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/status/200", _pki), ProbeKit.Deadline());

        Assert.IsType<MtlsProbe>(probe);
        Assert.True(result.Succeeded, result.Failure?.Message);
    }
}
