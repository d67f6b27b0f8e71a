using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dashboard.Core.Tests.Probes;

/// <summary>
/// A real OpenSSL TLS server (<c>openssl s_server -www</c>) on 127.0.0.1. Unlike Kestrel, which closes the connection
/// silently, OpenSSL refuses a client certificate with a TLS alert, as nginx and Envoy (BoringSSL) do.
/// </summary>
internal sealed partial class OpenSslServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private OpenSslServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri Url(string path, string host = "localhost") => new($"https://{host}:{Port}{path}");

    /// <summary>Starts a server that requires a client certificate chained to <paramref name="clientCa"/>.</summary>
    public static async Task<OpenSslServer> StartAsync(TestCredential server, TestCa clientCa, string tlsVersionFlag)
    {
        var directory = Directory.CreateTempSubdirectory("probe-openssl-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "server.crt"), server.CertificatePem);
        await File.WriteAllTextAsync(Path.Combine(directory, "server.key"), server.KeyPem);
        await File.WriteAllTextAsync(Path.Combine(directory, "client-ca.crt"), clientCa.Pem);
        var start = new ProcessStartInfo("openssl")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "s_server", "-accept", "127.0.0.1:0", "-cert", "server.crt", "-key", "server.key",
            "-CAfile", "client-ca.crt", "-Verify", "1", "-verify_return_error", "-www", tlsVersionFlag,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(deadline.Token)
                ?? throw new InvalidOperationException("openssl s_server exited before listening.");
            var match = AcceptLine().Match(line);
            if (match.Success)
            {
                // Keep draining stdout so the server never blocks on a full pipe.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                return new OpenSslServer(process, directory, int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [GeneratedRegex(@"^ACCEPT .*:(?<port>\d+)$")]
    private static partial Regex AcceptLine();
}
