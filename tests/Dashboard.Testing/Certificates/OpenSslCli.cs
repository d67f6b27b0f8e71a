using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Testing.Certificates;

/// <summary>The result of one openssl run.</summary>
public sealed record OpenSslResult(int ExitCode, string Output)
{
    /// <summary>True when openssl exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// Runs the openssl command line (a judge nobody here wrote) on files in a private temporary directory, which is
/// deleted on dispose.
/// </summary>
public sealed class OpenSslCli : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>Creates the temporary directory.</summary>
    public OpenSslCli()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("openssl-check-").FullName;
    }

    /// <summary>The temporary directory.</summary>
    public string Directory { get; }

    /// <summary>Writes a file into the temporary directory and returns its path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes bytes into the temporary directory and returns the path.</summary>
    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>
    /// <c>openssl verify -CAfile ca [-untrusted chain] -purpose sslserver|sslclient [-verify_hostname host] -attime t leaf</c>.
    /// </summary>
    public static OpenSslResult Verify(string caFile, string leafFile, string? untrustedFile, string purpose, DateTimeOffset at, string? hostName = null)
    {
        var args = new List<string> { "verify", "-CAfile", caFile, "-purpose", purpose, "-attime", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        if (untrustedFile is not null)
        {
            args.AddRange(["-untrusted", untrustedFile]);
        }

        if (hostName is not null)
        {
            args.AddRange(["-verify_hostname", hostName]);
        }

        args.Add(leafFile);
        return Run(args);
    }

    /// <summary><c>openssl x509 -checkend seconds</c>: fails when the certificate expires within that time from the machine's clock.</summary>
    public static OpenSslResult CheckEnd(string certificateFile, TimeSpan window) =>
        Run(["x509", "-noout", "-in", certificateFile, "-checkend", ((long)window.TotalSeconds).ToString(CultureInfo.InvariantCulture)]);

    /// <summary>Runs openssl with the arguments and returns exit code and output.</summary>
    public static OpenSslResult Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("openssl did not finish within " + s_timeout);
        }

        return new OpenSslResult(process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Deletes the temporary directory.</summary>
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp directory is harmless
        }
    }
}
