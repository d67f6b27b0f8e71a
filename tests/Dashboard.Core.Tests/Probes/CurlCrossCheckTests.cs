using Dashboard.Core.Probes;
using Dashboard.Testing;

namespace Dashboard.Core.Tests.Probes;

/// <summary>
/// The real curl binary, as the seed uses it (<c>--cert --key --cacert --resolve</c>), judges the same loopback mTLS
/// server as the probe: both must see the teapot with the client certificate and a refusal without it.
/// </summary>
public sealed class CurlCrossCheckTests : IDisposable
{
    private readonly ProbePki _pki = new();
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("probe-curl-");

    [Fact]
    public async Task ProbeAndCurl_AgainstTheSameMutualTlsServer_AgreeWithAndWithoutTheClientCertificate()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server, ClientCertificates.Required, _pki.ClientRoot);
        var (probe, _) = ProbeKit.Create();
        var request = ProbeKit.Request(server.Port, "/status/418", _pki) with { ExpectedStatusCode = 418 };

        var curlWith = await CurlAsync(server.Port, withClientCertificate: true);
        var probeWith = await probe.ProbeAsync(request with { ClientCredential = _pki.Client.ToProbeCredential() }, ProbeKit.Deadline());
        var curlWithout = await CurlAsync(server.Port, withClientCertificate: false);
        var probeWithout = await probe.ProbeAsync(request, ProbeKit.Deadline());

        Assert.True(curlWith.ExitCode == 0, curlWith.Error);
        Assert.Equal("418", curlWith.Status);
        Assert.Equal(LoopbackTlsServer.Teapot, curlWith.Body);
        Assert.True(probeWith.Succeeded, probeWith.Failure?.Message);
        Assert.Equal(418, probeWith.StatusCode);
        Assert.Equal(curlWith.Body, probeWith.BodyExcerpt);

        Assert.NotEqual(0, curlWithout.ExitCode);
        Assert.Equal("000", curlWithout.Status);
        Assert.Equal(ProbeFailureReason.HandshakeRefusedByServer, probeWithout.Failure?.Reason);

        Assert.Equal(["CN=alb-client", "CN=alb-client"], server.AcceptedClients);
        Assert.Equal(["(none)", "(none)"], server.RefusedClients);
    }

    private async Task<(int ExitCode, string Status, string Body, string Error)> CurlAsync(int port, bool withClientCertificate)
    {
        var ca = await WriteAsync("ca.crt", _pki.ServerRoot.Pem);
        var body = Path.Combine(_files.FullName, $"body-{withClientCertificate}.txt");
        List<string> arguments =
        [
            "--silent", "--show-error", "--noproxy", "*", "--max-time", "20",
            "--resolve", $"{ProbePki.GatewayHost}:{port}:127.0.0.1",
            "--cacert", ca, "--output", body, "--write-out", "%{http_code}",
        ];
        if (withClientCertificate)
        {
            arguments.AddRange(["--cert", await WriteAsync("client.crt", _pki.Client.CertificatePem), "--key", await WriteAsync("client.key", _pki.Client.KeyPem)]);
        }

        arguments.Add($"https://{ProbePki.GatewayHost}:{port}/status/418");
        var (exitCode, output, error) = await ExternalTool.RunAsync("curl", arguments, TimeSpan.FromSeconds(30));
        return (exitCode, output.Trim(), File.Exists(body) ? await File.ReadAllTextAsync(body) : "", error);
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_files.FullName, name);
        await File.WriteAllTextAsync(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    public void Dispose() => _files.Delete(recursive: true);
}
