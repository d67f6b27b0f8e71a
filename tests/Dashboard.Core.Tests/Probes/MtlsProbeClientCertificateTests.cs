using System.Security.Authentication;
using Dashboard.Core.Probes;

namespace Dashboard.Core.Tests.Probes;

/// <summary>A Kestrel server refusing client certificates: it closes the connection after the handshake, without an alert.</summary>
public sealed class MtlsProbeClientCertificateTests
{
    private readonly ProbePki _pki = new();

    [Theory]
    [InlineData(SslProtocols.Tls13)]
    [InlineData(SslProtocols.Tls12)]
    public async Task ProbeAsync_ServerRequiresCertificateAndNoneGiven_IsHandshakeRefused(SslProtocols protocol)
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server, ClientCertificates.Required, _pki.ClientRoot, protocol);
        var (probe, _) = ProbeKit.Create();

        var result = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/status/418", _pki) with { ExpectedStatusCode = 418 }, ProbeKit.Deadline());

        var failure = AssertRefused(result);
        Assert.Contains("sent no client certificate", failure.Message);
        Assert.Contains("give the probe the client certificate", failure.Remedy);
        Assert.True(result.ServerRequestedClientCertificate);
        Assert.False(result.ClientCertificateSent);
        Assert.Equal(protocol, result.TlsProtocol);
        Assert.Equal(["(none)"], server.RefusedClients);

        // One probe, one connection: HttpClient's retry after the early close is refused, not hidden.
        Assert.Equal(1, server.TlsConnections);
    }

    [Fact]
    public async Task ProbeAsync_ClientCertificateFromAnotherCa_IsHandshakeRefused()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server, ClientCertificates.Required, _pki.ClientRoot);
        var (probe, _) = ProbeKit.Create();
        var request = ProbeKit.Request(server.Port, "/status/418", _pki) with { ClientCredential = _pki.RogueClient.ToProbeCredential() };

        var result = await probe.ProbeAsync(request, ProbeKit.Deadline());

        var failure = AssertRefused(result);
        Assert.Contains("'CN=rogue-client'", failure.Message);
        Assert.True(result.ClientCertificateSent);
        Assert.Equal(["CN=rogue-client"], server.RefusedClients);
        Assert.Equal(1, server.TlsConnections);
    }

    [Fact]
    public async Task ProbeAsync_ClientBundleWithoutItsIntermediate_IsRefusedBecauseTheServerCannotBuildThePath()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server, ClientCertificates.Required, _pki.ClientRoot);
        var (probe, _) = ProbeKit.Create();
        var leafOnly = new ProbeClientCredential(_pki.Client.Certificate.ExportCertificatePem(), _pki.Client.KeyPem);

        var result = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/status/200", _pki) with { ClientCredential = leafOnly }, ProbeKit.Deadline());

        AssertRefused(result);
        Assert.Equal(["CN=alb-client"], server.RefusedClients);
    }

    [Fact]
    public async Task ProbeAsync_ClientCertificateWithoutClientAuth_IsRefusedLikeARenewedLetsEncryptCertificate()
    {
        var serverAuthOnly = _pki.ClientIntermediate.IssueClient("serverauth-only", TestCertificates.ServerAuth);
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server, ClientCertificates.Required, _pki.ClientRoot);
        var (probe, _) = ProbeKit.Create();

        var result = await probe.ProbeAsync(
            ProbeKit.Request(server.Port, "/status/200", _pki) with { ClientCredential = serverAuthOnly.ToProbeCredential() },
            ProbeKit.Deadline());

        AssertRefused(result);
        Assert.Equal(["CN=serverauth-only"], server.RefusedClients);
    }

    [Fact]
    public async Task ProbeAsync_WithThenWithoutCertificate_SecondProbeIsRefused()
    {
        // Guards against a pooled connection or resumed TLS session lending the first probe's identity to the second.
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server, ClientCertificates.Required, _pki.ClientRoot);
        var (probe, _) = ProbeKit.Create();
        var request = ProbeKit.Request(server.Port, "/status/418", _pki) with { ExpectedStatusCode = 418 };

        var with = await probe.ProbeAsync(request with { ClientCredential = _pki.Client.ToProbeCredential() }, ProbeKit.Deadline());
        var without = await probe.ProbeAsync(request, ProbeKit.Deadline());

        Assert.True(with.Succeeded, with.Failure?.Message);
        AssertRefused(without);
        Assert.Equal(2, server.TlsConnections);
    }

    [Fact]
    public async Task ProbeAsync_ServerAllowsButDoesNotRequireCertificate_SucceedsWithoutOne()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server, ClientCertificates.Allowed, _pki.ClientRoot);
        var (probe, _) = ProbeKit.Create();

        var result = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/status/200", _pki), ProbeKit.Deadline());

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.True(result.ServerRequestedClientCertificate);
        Assert.False(result.ClientCertificateSent);
    }

    internal static ProbeFailure AssertRefused(ProbeResult result)
    {
        Assert.False(result.Succeeded);
        Assert.NotNull(result.Failure);
        Assert.True(
            result.Failure.Reason == ProbeFailureReason.HandshakeRefusedByServer,
            $"expected HandshakeRefusedByServer, got {result.Failure.Reason}: {result.Failure.Message}");
        Assert.Null(result.StatusCode);
        return result.Failure;
    }
}
