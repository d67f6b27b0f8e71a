using System.Diagnostics;
using System.Net;
using Dashboard.Testing.Certificates;

namespace Dashboard.Sandbox.Tests.DataPlane.Infrastructure;

/// <summary>What curl reported.</summary>
internal sealed record CurlResult(int ExitCode, string Status, string Body, string Error)
{
    public override string ToString() => $"exit {ExitCode}, status {Status}, error {Error.Trim()}";
}

/// <summary>
/// The real curl binary, as the seed uses it: <c>--cert/--key/--cacert</c>, with <c>--resolve</c> pointing the public
/// name at the loopback listener (the port goes into the URL, so the listener's own port is reached).
/// </summary>
internal sealed class Curl : IDisposable
{
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("dataplane-curl-");
    private int _counter;

    public async Task<CurlResult> GetAsync(string host, IPEndPoint endpoint, string path, string caPem, TestCredential? client = null)
    {
        var id = Interlocked.Increment(ref _counter);
        var body = Path.Combine(_files.FullName, $"body-{id}.txt");
        var arguments = new List<string>
        {
            "--silent", "--show-error", "--noproxy", "*", "--max-time", "20",
            "--resolve", $"{host}:{endpoint.Port}:{endpoint.Address}",
            "--cacert", Write($"ca-{id}.pem", caPem),
            "--output", body, "--write-out", "%{http_code}",
        };
        if (client is not null)
        {
            arguments.AddRange(["--cert", Write($"client-{id}.crt", client.ChainPem), "--key", Write($"client-{id}.key", client.KeyPem())]);
        }

        arguments.Add($"https://{host}:{endpoint.Port}{path}");
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("curl did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new CurlResult(process.ExitCode, (await output).Trim(), File.Exists(body) ? await File.ReadAllTextAsync(body) : "", await error);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_files.FullName, name);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    public void Dispose() => _files.Delete(recursive: true);
}
