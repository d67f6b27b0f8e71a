using System.Diagnostics;
using Dashboard.Core.Audit;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Dashboard.Sandbox;
using Dashboard.Web.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace Dashboard.Bench.Setup;

/// <summary>
/// Starts the dashboard with its sandbox (simulated delays zero, a fresh data directory), runs the setup through
/// <see cref="SetupRunService"/> the way POST /api/targets/{id}/setup/runs does (Hangfire executes it, step 8's wait
/// is a delayed continuation job), waits for the run's end event, then does the same again (the no-op re-run).
/// </summary>
internal static class SetupRunMeasurement
{
    private static readonly Dictionary<string, string?> s_settings = new()
    {
        ["Sandbox:Mode"] = "On",
        ["Sandbox:Kubernetes:PodStartupDelay"] = "00:00:00",
        ["Sandbox:Kubernetes:PersistState"] = "false",
        ["Sandbox:Iks:IssueDelay"] = "00:00:00",
        ["Sandbox:Iks:PersistState"] = "false",
        ["Setup:NlbPollInitialDelay"] = "00:00:00.05",
        ["Setup:NlbPollMaxDelay"] = "00:00:00.2",
        ["Setup:RolloutPollInterval"] = "00:00:00.01",
        ["Setup:VerifyRetryInterval"] = "00:00:00.02",
        ["Jobs:PollInterval"] = "00:00:00.1",
        ["Jobs:WorkerCount"] = "2",
    };

    public static async Task<SetupMeasurement> MeasureAsync(SetupScenario scenario, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>(s_settings);
        foreach (var (key, value) in scenario.Settings)
        {
            settings[key] = value;
        }

        // The app logs to the console; the benchmark prints only its figures.
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);
        try
        {
            await using var host = await DashboardHost.StartAsync(settings);
            await host.Services.GetRequiredService<SandboxEnvironment>().Ready.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            var fresh = await RunAsync(host, cancellationToken);
            var rerun = await RunAsync(host, cancellationToken);
            return new SetupMeasurement(scenario, fresh, rerun);
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    private static async Task<RunFigures> RunAsync(DashboardHost host, CancellationToken cancellationToken)
    {
        var runs = host.Services.GetRequiredService<SetupRunService>();
        var iks = host.Services.GetRequiredService<SandboxEnvironment>().Iks;
        using var subscription = host.Services.GetRequiredService<ISetupEvents>().Subscribe("sandbox");
        var served = iks.Requests;
        var wall = Stopwatch.StartNew();
        var started = await runs.StartAsync("sandbox", null, consent: false, new Actor("benchmark"), cancellationToken);
        var id = started.Run?.Id ?? throw new InvalidOperationException("The run was refused: " + string.Join(" ", started.Errors));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        await foreach (var e in subscription.Events.ReadAllAsync(timeout.Token))
        {
            if (e.RunId == id && e.StepId is null && e.RunState is SetupRunState.Succeeded or SetupRunState.Failed or SetupRunState.Blocked or SetupRunState.Cancelled)
            {
                break;
            }
        }

        wall.Stop();
        var servedNow = iks.Requests.Since(served);
        var run = (await runs.GetAsync(id, cancellationToken))!;
        var steps = run.Steps.Select(s => new StepFigures(s.Number, s.Id, s.State.ToString(), s.DurationMs, s.KubernetesRequests, s.KubernetesWrites, s.IksRequests)).ToList();
        return new RunFigures(wall.Elapsed, run.State.ToString(), run.Message, run.Executions, Detection(host, id), steps, servedNow.Iks + servedNow.Iam);
    }

    /// <summary>Profile detection's requests, summed over the run's executions (the executor logs them at each).</summary>
    private static StepFigures Detection(DashboardHost host, Guid runId)
    {
        var events = host.Logs.Events
            .Where(e => e.MessageTemplate.Text.Contains("requests to detect", StringComparison.Ordinal)
                && e.Properties.TryGetValue("RunId", out var run) && run is ScalarValue { Value: Guid id } && id == runId)
            .ToList();
        return new StepFigures(0, "profile", $"{events.Count} exec.", 0, events.Sum(e => Number(e, "Requests")), 0, events.Sum(e => Number(e, "IksRequests")));
    }

    private static int Number(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: int n } ? n : 0;
}
