using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using k8s;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// A run that loses its lease (it stalled past the expiry and another worker took the target) stops before it
/// changes anything more, and carries on once the target is free again.
/// </summary>
public sealed class LeaseLossTests
{
    private const string ManagedBy = "app.kubernetes.io/managed-by=iks-istio-mtls-dashboard";

    [Fact]
    public async Task Run_LeaseTakenByAnotherWorker_StopsAndResumesWhenTheTargetIsFree()
    {
        var pause = new PauseUntilCancelled("ingress");
        await using var app = await SandboxApp.StartAsync(configure: b => b.Services.AddSingleton<ISetupRunHooks>(pause));
        var contexts = app.Host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        var runId = await app.StartRunAsync();
        await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));

        await using (var db = await contexts.CreateDbContextAsync())
        {
            var stolen = await db.TargetLeases.Where(l => l.TargetId == "sandbox")
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, "other-replica").SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddHours(1)));
            Assert.Equal(1, stolen);
        }

        // The renewal notices within a third of the lease and cancels the step it was waiting in.
        await pause.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stopped = await EventuallyAsync(app, runId, r => r["message"]!.GetValue<string>().Contains("Lost the hold", StringComparison.Ordinal));
        Assert.NotEqual("Succeeded", stopped["state"]!.GetValue<string>());
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(app.Sandbox.KubeconfigPath));
        Assert.Empty((await client.NetworkingV1.ListIngressForAllNamespacesAsync(labelSelector: ManagedBy)).Items);

        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.TargetLeases.Where(l => l.Holder == "other-replica").ExecuteDeleteAsync();
        }

        var run = await app.WaitForRunAsync(runId, TimeSpan.FromSeconds(90));
        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run));
        Assert.Single((await client.NetworkingV1.ListIngressForAllNamespacesAsync(labelSelector: ManagedBy)).Items);
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> EventuallyAsync(SandboxApp app, Guid id, Func<System.Text.Json.Nodes.JsonObject, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = await app.GetJsonAsync($"/api/runs/{id}");
            if (condition(run))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, "condition not met: " + run);
            await Task.Delay(50);
        }
    }

    /// <summary>Holds the run before <paramref name="stepId"/> the first time, until the run's token is cancelled.</summary>
    private sealed class PauseUntilCancelled(string stepId) : ISetupRunHooks
    {
        private int _held;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task BeforeStepAsync(Guid runId, string step, CancellationToken cancellationToken)
        {
            if (step != stepId || Interlocked.Exchange(ref _held, 1) == 1)
            {
                return;
            }

            Reached.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Cancelled.TrySetResult();
            }
        }
    }
}
