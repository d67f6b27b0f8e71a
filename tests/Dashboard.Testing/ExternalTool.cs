using System.Diagnostics;

namespace Dashboard.Testing;

/// <summary>Runs a real command-line tool (curl, openssl, kubectl) with a deadline and captures its output.</summary>
public static class ExternalTool
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>, giving up after 30 seconds.</summary>
    public static Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(string fileName, params string[] arguments) =>
        RunAsync(fileName, arguments, TimeSpan.FromSeconds(30));

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>, giving up after <paramref name="deadline"/>.</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        using var timeout = new CancellationTokenSource(deadline);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {deadline}.");
        }

        return (process.ExitCode, await output, await error);
    }
}
