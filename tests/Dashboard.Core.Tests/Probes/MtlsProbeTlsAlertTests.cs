namespace Dashboard.Core.Tests.Probes;

/// <summary>
/// A real OpenSSL server refusing client certificates with TLS alerts, as nginx and Envoy do: TLS 1.3 alerts after the
/// client's view of the handshake, TLS 1.2 inside it.
/// </summary>
public sealed class MtlsProbeTlsAlertTests
{
    private readonly ProbePki _pki = new();

    [Theory]
    [InlineData("-tls1_3", "certificate_required")]
    [InlineData("-tls1_2", "handshake_failure")]
    public async Task ProbeAsync_NoClientCertificate_IsRefusedWithTheServersAlert(string version, string alert)
    {
        var server = _pki.ServerRoot.IssueServer("openssl", ProbePki.GatewayHost);
        await using var openssl = await OpenSslServer.StartAsync(server, _pki.ClientRoot, version);
        var (probe, _) = ProbeKit.Create();

        var result = await probe.ProbeAsync(ProbeKit.Request(openssl.Port, "/", _pki), ProbeKit.Deadline());

        var failure = MtlsProbeClientCertificateTests.AssertRefused(result);
        Assert.Contains($"alert '{alert}'", failure.Message);
        Assert.Contains("sent no client certificate", failure.Message);
        Assert.Contains("client certificate", failure.Remedy);
        Assert.True(result.ServerRequestedClientCertificate);
    }

    [Fact]
    public async Task ProbeAsync_ClientCertificateFromAnotherCa_IsRefusedWithUnknownCa()
    {
        var server = _pki.ServerRoot.IssueServer("openssl", ProbePki.GatewayHost);
        await using var openssl = await OpenSslServer.StartAsync(server, _pki.ClientRoot, "-tls1_3");
        var (probe, _) = ProbeKit.Create();
        var request = ProbeKit.Request(openssl.Port, "/", _pki) with { ClientCredential = _pki.RogueClient.ToProbeCredential() };

        var result = await probe.ProbeAsync(request, ProbeKit.Deadline());

        var failure = MtlsProbeClientCertificateTests.AssertRefused(result);
        Assert.Contains("alert 'unknown_ca'", failure.Message);
        Assert.Contains("does not trust the CA", failure.Remedy);
    }

    [Fact]
    public async Task ProbeAsync_ClientCertificateTheServerTrusts_Succeeds()
    {
        var server = _pki.ServerRoot.IssueServer("openssl", ProbePki.GatewayHost);
        await using var openssl = await OpenSslServer.StartAsync(server, _pki.ClientRoot, "-tls1_3");
        var (probe, _) = ProbeKit.Create();
        var request = ProbeKit.Request(openssl.Port, "/", _pki) with { ClientCredential = _pki.Client.ToProbeCredential() };

        var result = await probe.ProbeAsync(request, ProbeKit.Deadline());

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(200, result.StatusCode);
        Assert.True(result.ClientCertificateSent);
    }
}
