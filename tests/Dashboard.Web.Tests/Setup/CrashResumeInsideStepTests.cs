using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// The app stops in the middle of a step, where a crash leaves half-done work: after IKS registered the gateway's
/// subdomain but before the ledger confirmed it (only the intent is recorded), and after an object was recorded in
/// the ledger but before it was applied. Restarted on the same data, the run completes, the registration IKS made
/// is the one used and recorded (none made twice), and the ledger matches the cluster exactly.
/// </summary>
public sealed class CrashResumeInsideStepTests
{
    [Fact]
    public async Task Run_StoppedAfterIksRegisteredBeforeLedgerConfirmed_AdoptsThatRegistrationAfterRestart()
    {
        using var data = new TempDirectory();
        var pause = RunHook.PauseInside("nlb-dns", SetupHookPoint.RegisteredBeforeConfirmation);
        Guid runId;
        string host;
        await using (var first = await SandboxApp.StartAsync(dataDirectory: data.Path, configure: b => b.Services.AddSingleton<ISetupRunHooks>(pause)))
        {
            runId = await first.StartRunAsync();
            host = await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));

            // The crash window: IKS has the subdomain, the ledger only the intent to register it.
            var intent = Assert.Single(await LedgerAsync(first), e => e.ResourceType == OwnedResourceType.IksRegistration);
            Assert.Equal(OwnershipOrigin.Intended, intent.Origin);
            Assert.Contains(await RegistrationsAsync(first), e => e == host);
        }

        await using var second = await SandboxApp.StartAsync(dataDirectory: data.Path);
        var run = await second.WaitForRunAsync(runId, TimeSpan.FromSeconds(90));

        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run));
        Assert.True(run["executions"]!.GetValue<int>() >= 2, "the run was picked up again after the restart");
        Assert.Equal([host], await RegistrationsAsync(second));
        await SetupInventory.AssertNoDuplicatesOrOrphansAsync(second);
    }

    [Theory]
    [InlineData("httpbin", "Service httptools/httpbin", "ServiceAccount httptools/httpbin")]
    [InlineData("secrets", "Secret istio-system/alb-certs", null)]
    public async Task Run_StoppedBetweenLedgerRecordAndApply_CompletesAfterRestartWithLedgerMatchingCluster(string stepId, string subject, string? appliedBefore)
    {
        using var data = new TempDirectory();
        var pause = RunHook.PauseInside(stepId, SetupHookPoint.RecordedBeforeApply, subject);
        Guid runId;
        await using (var first = await SandboxApp.StartAsync(dataDirectory: data.Path, configure: b => b.Services.AddSingleton<ISetupRunHooks>(pause)))
        {
            runId = await first.StartRunAsync();
            await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));

            // The crash window: the object is in the ledger but not in the cluster; the step's earlier object is.
            var recorded = (await LedgerAsync(first)).Where(e => e.ResourceType == OwnedResourceType.KubernetesObject).Select(e => $"{e.Kind} {e.Namespace}/{e.Name}").ToList();
            var labelled = await SetupInventory.LabelledObjectsAsync(first);
            Assert.Contains(subject, recorded);
            Assert.DoesNotContain(subject, labelled);
            Assert.Equal(recorded.Count - 1, labelled.Count);
            if (appliedBefore is not null)
            {
                Assert.Contains(appliedBefore, labelled);
            }

            Assert.Equal("Running", SandboxApp.Step(await first.GetJsonAsync($"/api/runs/{runId}"), stepId)["state"]!.GetValue<string>());
        }

        await using var second = await SandboxApp.StartAsync(dataDirectory: data.Path);
        var run = await second.WaitForRunAsync(runId, TimeSpan.FromSeconds(90));

        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run));
        Assert.Equal("Succeeded", SandboxApp.Step(run, stepId)["state"]!.GetValue<string>());
        Assert.Contains(subject, await SetupInventory.LabelledObjectsAsync(second));
        await SetupInventory.AssertNoDuplicatesOrOrphansAsync(second);
    }

    private static Task<IReadOnlyList<OwnershipRecord>> LedgerAsync(SandboxApp app) =>
        app.Host.Services.GetRequiredService<OwnershipLedger>().ListAsync("sandbox", CancellationToken.None);

    /// <summary>The nlb-dns subdomains IKS has for the gateway (its IP), straight from the IKS API.</summary>
    private static async Task<List<string>> RegistrationsAsync(SandboxApp app)
    {
        var clients = (await app.Host.Services.GetRequiredService<ITargetClients>().GetAsync("sandbox", CancellationToken.None))!;
        var list = await clients.Iks!.ListNlbDnsAsync(clients.Credential!, "sandbox");
        Assert.True(list.IsSuccess, list.IsSuccess ? "" : list.Error.Message);
        return [.. list.Value.Where(e => e.Ips.Contains("169.46.52.10")).Select(e => e.Host)];
    }
}
