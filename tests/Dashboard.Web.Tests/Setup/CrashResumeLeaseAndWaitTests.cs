using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// Two restarts that are not a clean stop between steps: a hard crash of the replica that held the target's lease
/// (its lease row is still there, expiring soon), and a restart while the run waits for the nlb-dns certificate.
/// </summary>
public sealed class CrashResumeLeaseAndWaitTests
{
    [Fact]
    public async Task Run_CrashedReplicaStillHoldsTheLease_StandsAsideUntilItExpiresThenCompletes()
    {
        using var data = new TempDirectory();
        var pause = RunHook.PauseBefore("secrets");
        Guid runId;
        int executions;
        await using (var first = await SandboxApp.StartAsync(dataDirectory: data.Path, configure: b => b.Services.AddSingleton<ISetupRunHooks>(pause)))
        {
            runId = await first.StartRunAsync();
            await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
            // More than one when step 8 waited for the certificate (each poll is an execution).
            executions = (await first.GetJsonAsync($"/api/runs/{runId}"))["executions"]!.GetValue<int>();
        }

        // What a killed process leaves behind: its lease row, valid until it expires (a clean stop releases it). Twenty
        // seconds, so that a restart on a loaded CI machine still comes back while it holds.
        var expires = DateTime.UtcNow.AddSeconds(20);
        await using (var db = new SqliteDashboardDbContext(new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite($"Data Source={Path.Combine(data.Path, "dashboard.db")}").Options))
        {
            await db.TargetLeases.Where(l => l.TargetId == "sandbox").ExecuteDeleteAsync();
            db.TargetLeases.Add(new TargetLease { TargetId = "sandbox", Holder = $"{runId:N}/crashed-replica", ExpiresAt = expires });
            await db.SaveChangesAsync();
        }

        var recorder = RunHook.Recorder();
        await using var second = await SandboxApp.StartAsync(dataDirectory: data.Path, configure: b => b.Services.AddSingleton<ISetupRunHooks>(recorder));
        await WaitForLogAsync(second, $"Run {runId} stands aside");
        var aside = await second.GetJsonAsync($"/api/runs/{runId}");
        Assert.True(DateTime.UtcNow < expires, "the restart took longer than the crashed lease lasts; the test proves nothing then");
        Assert.Equal(("Running", executions), (aside["state"]!.GetValue<string>(), aside["executions"]!.GetValue<int>()));
        Assert.Equal("Pending", SandboxApp.Step(aside, "secrets")["state"]!.GetValue<string>());
        Assert.Empty(recorder.Starts);

        var run = await second.WaitForRunAsync(runId, TimeSpan.FromSeconds(90));

        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run));
        Assert.Equal(executions + 1, run["executions"]!.GetValue<int>());
        var starts = recorder.Starts.Where(s => s.RunId == runId).ToList();
        Assert.NotEmpty(starts);
        Assert.All(starts, s => Assert.True(s.At >= expires, $"step {s.StepId} started at {s.At:O}, while the crashed replica's lease held until {expires:O}"));
        await SetupInventory.AssertNoDuplicatesOrOrphansAsync(second);
    }

    [Fact]
    public async Task Run_RestartedWhileWaitingForTheCertificate_ResumesAtItsNextPollAndCompletes()
    {
        using var data = new TempDirectory();
        var slowCertificate = new Dictionary<string, string?>
        {
            ["Sandbox:Iks:IssueDelay"] = "00:00:02",
            ["Setup:NlbPollInitialDelay"] = "00:00:20",
            ["Setup:NlbPollMaxDelay"] = "00:00:20",
        };
        Guid runId;
        DateTime nextPoll;
        await using (var first = await SandboxApp.StartAsync(slowCertificate, data.Path))
        {
            runId = await first.StartRunAsync();
            var waiting = await WaitForStateAsync(first, runId, "Waiting");
            nextPoll = Utc(waiting["nextPollAt"]!);
            Assert.Equal("Waiting", SandboxApp.Step(waiting, "nlb-certificate")["state"]!.GetValue<string>());
            Assert.Equal("creating", SandboxApp.Step(waiting, "nlb-certificate")["waitingStatus"]!.GetValue<string>());
        }

        var recorder = RunHook.Recorder();
        await using var second = await SandboxApp.StartAsync(slowCertificate, data.Path, b => b.Services.AddSingleton<ISetupRunHooks>(recorder));
        Assert.True(DateTime.UtcNow < nextPoll, "the restart took longer than the poll delay; the resumer's scheduled branch is not exercised");
        await WaitForLogAsync(second, $"Resuming setup run {runId} on target", "(was Waiting) at its next poll");

        var run = await second.WaitForRunAsync(runId, TimeSpan.FromSeconds(90));

        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run));
        var poll = recorder.Starts.Where(s => s.RunId == runId).OrderBy(s => s.At).First();
        Assert.Equal("nlb-certificate", poll.StepId);
        // Hangfire schedules to the second: the poll may come up to a second before the recorded next poll, never earlier.
        Assert.True(poll.At >= nextPoll.AddSeconds(-1), $"polled at {poll.At:O}, before the next poll {nextPoll:O}");
        Assert.Equal("Succeeded", SandboxApp.Step(run, "nlb-certificate")["state"]!.GetValue<string>());
        Assert.True(SandboxApp.Step(run, "nlb-certificate")["attempts"]!.GetValue<int>() >= 2);
        await SetupInventory.AssertNoDuplicatesOrOrphansAsync(second);
    }

    private static async Task<JsonObject> WaitForStateAsync(SandboxApp app, Guid runId, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await app.GetJsonAsync($"/api/runs/{runId}");
            if (run["state"]!.GetValue<string>() == state)
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"run never became {state}: {SandboxApp.Describe(run)}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until one log message contains every fragment (string properties render quoted, so they are matched apart).</summary>
    private static async Task WaitForLogAsync(SandboxApp app, params string[] fragments)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!app.Host.Logs.Events.Any(e => fragments.All(f => e.RenderMessage(CultureInfo.InvariantCulture).Contains(f, StringComparison.Ordinal))))
        {
            Assert.True(DateTime.UtcNow < deadline, $"never logged '{string.Join(" ... ", fragments)}':\n{app.Problems()}");
            await Task.Delay(50);
        }
    }

    /// <summary>The API's timestamps are UTC, with or without the Z.</summary>
    private static DateTime Utc(JsonNode value) =>
        DateTime.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
