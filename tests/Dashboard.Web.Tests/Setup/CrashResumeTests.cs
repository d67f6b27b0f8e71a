using Dashboard.Core.Setup.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// The app is stopped in the middle of a run (paused before a chosen step, then disposed), started again on the same
/// data directory and sandbox state, and the run completes by itself, with no duplicated or orphaned objects or
/// registrations. Stops inside a step, a crash that leaves the lease held, and a restart while the run waits are in
/// <see cref="CrashResumeInsideStepTests"/> and <see cref="CrashResumeLeaseAndWaitTests"/>.
/// </summary>
public sealed class CrashResumeTests
{
    [Theory]
    [InlineData("httpbin")]
    [InlineData("nlb-certificate")]
    [InlineData("gateway")]
    public async Task Run_StoppedBeforeStep_ResumesAfterRestartWithoutDuplicates(string stepId)
    {
        using var data = new TempDirectory();
        var pause = RunHook.PauseBefore(stepId);
        Guid runId;
        await using (var first = await SandboxApp.StartAsync(dataDirectory: data.Path, configure: b => b.Services.AddSingleton<ISetupRunHooks>(pause)))
        {
            runId = await first.StartRunAsync();
            await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var paused = await first.GetJsonAsync($"/api/runs/{runId}");
            Assert.Equal("Running", paused["state"]!.GetValue<string>());
        }

        await using var second = await SandboxApp.StartAsync(dataDirectory: data.Path);
        var run = await second.WaitForRunAsync(runId, TimeSpan.FromSeconds(90));
        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run));
        Assert.True(run["executions"]!.GetValue<int>() >= 2, "the run was picked up again after the restart");
        await SetupInventory.AssertNoDuplicatesOrOrphansAsync(second);
    }
}
