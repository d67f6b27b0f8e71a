using System.Net;
using System.Net.Http.Json;
using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Setup.Steps;
using Dashboard.Core.Storage;
using Dashboard.Web.Testing;
using Dashboard.Web.Tests.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// Two dashboard replicas on one PostgreSQL database (store and Hangfire storage shared). Replica A runs a setup,
/// paused by a hook mid-run; replica B (a web-only replica: it queues jobs but runs none) is asked for a second run
/// of the same target. Both guards are shown: B's API refuses a second run while one is active (409), and when a
/// second run exists anyway (two requests racing past that check), B's executor finds A's lease and stands aside;
/// the second run executes only after the first finished.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RunsAcrossReplicasTests(PostgresServer postgres)
{
    [Fact]
    public async Task TwoReplicas_SecondRunOnTheSameTarget_RefusedOrStandsAsideNeverOverlaps()
    {
        var database = await postgres.CreateDatabaseAsync();
        var pause = RunHook.PauseBefore("gateway");
        var recorderB = RunHook.Recorder();
        await using var a = await SandboxApp.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Dashboard"] = database }, configure: b => b.Services.AddSingleton<ISetupRunHooks>(pause));
        await using var b = await SandboxApp.StartAsync(
            new Dictionary<string, string?> { ["ConnectionStrings:Dashboard"] = database, ["Jobs:RunServer"] = "false" },
            configure: builder => builder.Services.AddSingleton<ISetupRunHooks>(recorderB));

        var first = await a.StartRunAsync();
        await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(first, pause.PausedRun);

        // Path 1: the API refuses a second run while one is active, on the other replica too.
        using var refused = await b.Api.PostAsJsonAsync("/api/targets/sandbox/setup/runs", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(first.ToString(), await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Path 2: a second run exists anyway; replica B executes it while A's run holds the lease.
        var second = await InsertPendingRunAsync(b);
        await b.Host.Services.GetRequiredService<SetupRunExecutor>().ExecuteAsync(second, CancellationToken.None);

        var aside = await b.GetJsonAsync($"/api/runs/{second}");
        Assert.Equal(("Pending", 0), (aside["state"]!.GetValue<string>(), aside["executions"]!.GetValue<int>()));
        Assert.StartsWith($"{first:N}/", (await b.Host.Services.GetRequiredService<TargetLeases>().CurrentAsync("sandbox", CancellationToken.None))!.Holder, StringComparison.Ordinal);
        Assert.Empty(recorderB.Starts);

        // Nothing but B's stand-aside (a retry job at the lease's expiry) enqueues run 2: it completing shows that too.
        pause.Release();
        var firstRun = await a.WaitForRunAsync(first, TimeSpan.FromSeconds(90));
        var secondRun = await a.WaitForRunAsync(second, TimeSpan.FromSeconds(90));

        Assert.True(firstRun["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(firstRun));
        Assert.True(secondRun["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(secondRun));
        var firstFinished = (await a.Host.Services.GetRequiredService<SetupRunService>().GetAsync(first, CancellationToken.None))!.FinishedAt!.Value;
        var secondSteps = pause.Starts.Concat(recorderB.Starts).Where(s => s.RunId == second).ToList();
        Assert.NotEmpty(secondSteps);
        Assert.All(secondSteps, s => Assert.True(s.At >= firstFinished, $"run 2's step {s.StepId} started at {s.At:O}, before run 1 finished at {firstFinished:O}"));
        Assert.Equal(1, secondRun["executions"]!.GetValue<int>());
    }

    /// <summary>What two requests racing past the active-run check leave behind: a second pending run of the target.</summary>
    private static async Task<Guid> InsertPendingRunAsync(SandboxApp replica)
    {
        var settings = await replica.Host.Services.GetRequiredService<SetupStore>().GetAsync("sandbox", CancellationToken.None);
        await using var db = await replica.Host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var run = new SetupRunRecord
        {
            Id = Guid.NewGuid(),
            TargetId = "sandbox",
            SetupId = settings.SetupId,
            State = SetupRunState.Pending,
            RequestedBy = "replica-b",
            CreatedAt = DateTime.UtcNow,
            Message = "Accepted; waiting for a worker.",
            Steps = [.. SetupSteps.All.Select(s => new SetupRunStepRecord { StepId = s.Id, Number = s.Number, State = SetupStepState.Pending })],
        };
        db.SetupRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }
}
