using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// The dashboard started the way the README starts it, <c>dotnet run --project src/Dashboard.Web</c>, as a child
/// process (without rebuilding: the test run has built it), listening on a loopback port of its choosing. Its
/// standard output is read line by line, so tests see exactly what an operator's console shows.
/// </summary>
internal sealed partial class DashboardProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DashboardProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every line written to standard output so far.</summary>
    public IReadOnlyList<string> Output => [.. _stdout];

    /// <summary>
    /// Runs <c>dotnet run --project <paramref name="project"/></c> in <paramref name="workingDirectory"/>, passing
    /// <c>--urls http://127.0.0.1:0</c> and <paramref name="settings"/> to the app; returns once it listens.
    /// </summary>
    public static async Task<DashboardProcess> StartAsync(string workingDirectory, string project, IReadOnlyDictionary<string, string> settings)
    {
        var start = StartInfo(workingDirectory, project, settings);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var running = new DashboardProcess(process);
        process.OutputDataReceived += (_, e) => running.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                running._stderr.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => running._listening.TrySetException(new InvalidOperationException("The dashboard exited early:\n" + running.Transcript()));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            running.BaseAddress = await running._listening.Task.WaitAsync(s_startTimeout);
        }
        catch (TimeoutException)
        {
            await running.DisposeAsync();
            throw new TimeoutException($"The dashboard did not listen within {s_startTimeout}:\n" + running.Transcript());
        }

        return running;
    }

    /// <summary>Runs the app like <see cref="StartAsync"/> but expects it to stop by itself; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(
        string workingDirectory, string project, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var start = StartInfo(workingDirectory, project, settings);
        using var process = new Process { StartInfo = start };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The dashboard did not stop within {timeout}:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public HttpClient CreateClient() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = BaseAddress };

    /// <summary>Waits until standard output has a line matching <paramref name="predicate"/>; returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_stdout.FirstOrDefault(predicate) is { } line)
            {
                return line;
            }

            Assert.True(DateTime.UtcNow < deadline, "No matching output line within " + timeout + ":\n" + Transcript());
            await Task.Delay(50);
        }
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, string project, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "run", "--project", project, "--no-build", "-c", BuildConfiguration, "--", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        return start;
    }

    public string Transcript() => "--- stdout\n" + string.Join('\n', _stdout) + "\n--- stderr\n" + string.Join('\n', _stderr);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // `dotnet run` starts the app as its child: end both.
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        _stdout.Enqueue(line);
        if (ListeningOn().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    // The configuration the tests were built in: `--no-build` must find the app built the same way.
    private static string BuildConfiguration =>
        typeof(DashboardProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    [GeneratedRegex(@"Now listening on: \W*(http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
