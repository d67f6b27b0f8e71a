using System.Net;
using System.Net.Sockets;
using Dashboard.Core.Probes;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Tests.Probes;

public sealed class ProbeRequestTests
{
    private readonly ProbePki _pki = new();

    [Fact]
    public void ToString_WithClientKeyAndHeaders_NeverPrintsTheKeyOrHeaderValues()
    {
        var request = ProbeKit.Request(443, "/status/418", _pki) with
        {
            ClientCredential = _pki.Client.ToProbeCredential(),
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer secret-token-value" },
        };

        var printed = request.ToString();

        Assert.Contains("PrivateKeyPem = [redacted]", printed);
        Assert.Contains("Authorization", printed);
        Assert.Contains("gateway.test => 127.0.0.1:443", printed);
        Assert.DoesNotContain("PRIVATE KEY", printed);
        Assert.DoesNotContain(ProbeCredentialTests.KeyBody(_pki.Client.KeyPem)[..40], printed);
        Assert.DoesNotContain("secret-token-value", printed);
    }

    [Fact]
    public void ToString_Credential_RedactsTheKey()
    {
        var credential = _pki.Client.ToProbeCredential();

        var printed = credential.ToString();

        Assert.Equal($"ProbeClientCredential {{ CertificatePem = ({credential.CertificatePem.Length} chars), PrivateKeyPem = [redacted] }}", printed);
    }

    [Fact]
    public async Task ProbeAsync_LogsOneInformationLinePerProbeAndNoKeyMaterial()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server, ClientCertificates.Required, _pki.ClientRoot);
        var (probe, log) = ProbeKit.Create();
        var request = ProbeKit.Request(server.Port, "/status/418", _pki) with
        {
            ClientCredential = _pki.Client.ToProbeCredential(),
            ExpectedStatusCode = 418,
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer secret-token-value" },
        };

        await probe.ProbeAsync(request, ProbeKit.Deadline());
        await probe.ProbeAsync(request with { ClientCredential = null }, ProbeKit.Deadline());

        var entries = log.Collector.GetSnapshot();
        var information = entries.Where(entry => entry.Level == LogLevel.Information).Select(entry => entry.Message).ToArray();
        Assert.Equal(2, information.Length);
        Assert.Contains("Succeeded", information[0]);
        Assert.Contains("status 418", information[0]);
        Assert.Contains("HandshakeRefusedByServer", information[1]);
        var everything = string.Join("\n", entries.Select(entry => entry.Message + entry.Exception));
        Assert.DoesNotContain("PRIVATE KEY", everything);
        Assert.DoesNotContain(ProbeCredentialTests.KeyBody(_pki.Client.KeyPem)[..40], everything);
        Assert.DoesNotContain("secret-token-value", everything);
    }

    [Theory]
    [InlineData("http://gateway.test/status/418")]
    [InlineData("/status/418")]
    public async Task ProbeAsync_NotAnAbsoluteHttpsUrl_Throws(string url)
    {
        var (probe, _) = ProbeKit.Create();

        var exception = await Assert.ThrowsAsync<ArgumentException>(
            () => probe.ProbeAsync(new ProbeRequest(new Uri(url, UriKind.RelativeOrAbsolute)) { TrustedCaBundlePem = _pki.ServerRoot.Pem }));

        Assert.Contains("absolute https URL", exception.Message);
    }

    [Fact]
    public async Task ProbeAsync_MalformedRequests_ThrowNamingTheFix()
    {
        var (probe, _) = ProbeKit.Create();
        var request = ProbeKit.Request(443, "/", _pki);

        var host = await Assert.ThrowsAsync<ArgumentException>(() => probe.ProbeAsync(
            request with { Headers = new Dictionary<string, string> { ["host"] = "x" } }));
        var timeout = await Assert.ThrowsAsync<ArgumentException>(() => probe.ProbeAsync(request with { Timeout = TimeSpan.Zero }));
        var endpoint = await Assert.ThrowsAsync<ArgumentException>(() => probe.ProbeAsync(
            request with { EndpointOverrides = new Dictionary<string, EndPoint> { ["gateway.test"] = new UnixDomainSocketEndPoint("/tmp/x") } }));
        var status = await Assert.ThrowsAsync<ArgumentException>(() => probe.ProbeAsync(request with { ExpectedStatusCode = 1000 }));
        var sni = await Assert.ThrowsAsync<ArgumentException>(() => probe.ProbeAsync(request with { SniOverride = "gateway.test:443" }));
        var contentHeader = await Assert.ThrowsAsync<ArgumentException>(() => probe.ProbeAsync(
            request with { Headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain" } }));

        Assert.Contains("SniOverride", host.Message);
        Assert.Contains("positive", timeout.Message);
        Assert.Contains("IPEndPoint or DnsEndPoint", endpoint.Message);
        Assert.Contains("100-599", status.Message);
        Assert.Contains("without port", sni.Message);
        Assert.Contains("'Content-Type'", contentHeader.Message);
    }
}
