using System.Text.Json.Nodes;
using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// The app is stopped in the middle of a run (paused before a chosen step, then disposed), started again on the same
/// data directory and sandbox state, and the run completes by itself, with no duplicated or orphaned objects or
/// registrations.
/// </summary>
public sealed class CrashResumeTests
{
    [Theory]
    [InlineData("httpbin")]
    [InlineData("nlb-certificate")]
    [InlineData("gateway")]
    public async Task Run_StoppedBeforeStep_ResumesAfterRestartWithoutDuplicates(string stepId)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("setup-resume-").FullName;
        try
        {
            var pause = new PauseBeforeStep(stepId);
            Guid runId;
            await using (var first = await SandboxApp.StartAsync(dataDirectory: dataDirectory, configure: b => b.Services.AddSingleton<ISetupRunHooks>(pause)))
            {
                runId = await first.StartRunAsync();
                await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
                var paused = await first.GetJsonAsync($"/api/runs/{runId}");
                Assert.Equal("Running", paused["state"]!.GetValue<string>());
            }

            await using var second = await SandboxApp.StartAsync(dataDirectory: dataDirectory);
            var run = await second.WaitForRunAsync(runId, TimeSpan.FromSeconds(90));
            Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run));
            Assert.True(run["executions"]!.GetValue<int>() >= 2, "the run was picked up again after the restart");
            await AssertNoDuplicatesOrOrphansAsync(second);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A lingering file handle must not fail the test.
            }
        }
    }

    private static async Task AssertNoDuplicatesOrOrphansAsync(SandboxApp app)
    {
        var clients = (await app.Host.Services.GetRequiredService<ITargetClients>().GetAsync("sandbox", CancellationToken.None))!;
        var nlb = await clients.Iks!.ListNlbDnsAsync(clients.Credential!, "sandbox");
        Assert.Single(nlb.Value!, e => e.Ips.Contains("169.46.52.10"));

        var ledger = await app.Host.Services.GetRequiredService<OwnershipLedger>().ListAsync("sandbox", CancellationToken.None);
        Assert.DoesNotContain(ledger, e => e.Origin == OwnershipOrigin.Intended);
        Assert.Single(ledger, e => e.ResourceType == OwnedResourceType.IksRegistration && e.Origin == OwnershipOrigin.Created);
        var recorded = ledger.Where(e => e.ResourceType == OwnedResourceType.KubernetesObject).Select(e => $"{e.Kind} {e.Namespace}/{e.Name}").ToHashSet();

        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(app.Sandbox.KubeconfigPath));
        const string selector = "app.kubernetes.io/managed-by=iks-istio-mtls-dashboard";
        var labelled = new List<string>();
        labelled.AddRange((await client.CoreV1.ListNamespaceAsync(labelSelector: selector)).Items.Select(o => $"Namespace /{o.Metadata.Name}"));
        labelled.AddRange((await client.CoreV1.ListSecretForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => $"Secret {o.Metadata.NamespaceProperty}/{o.Metadata.Name}"));
        labelled.AddRange((await client.CoreV1.ListServiceForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => $"Service {o.Metadata.NamespaceProperty}/{o.Metadata.Name}"));
        labelled.AddRange((await client.CoreV1.ListServiceAccountForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => $"ServiceAccount {o.Metadata.NamespaceProperty}/{o.Metadata.Name}"));
        labelled.AddRange((await client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => $"Deployment {o.Metadata.NamespaceProperty}/{o.Metadata.Name}"));
        labelled.AddRange((await client.NetworkingV1.ListIngressForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => $"Ingress {o.Metadata.NamespaceProperty}/{o.Metadata.Name}"));
        foreach (var (group, version, plural, kind) in new[] { ("networking.istio.io", "v1", "gateways", "Gateway"), ("networking.istio.io", "v1", "virtualservices", "VirtualService"), ("networking.istio.io", "v1", "destinationrules", "DestinationRule"), ("security.istio.io", "v1", "peerauthentications", "PeerAuthentication") })
        {
            var list = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await client.CustomObjects.ListClusterCustomObjectAsync(group, version, plural, labelSelector: selector)))!;
            labelled.AddRange(list["items"]!.AsArray().Select(i => $"{kind} {i!["metadata"]!["namespace"]}/{i["metadata"]!["name"]}"));
        }

        Assert.Equal(recorded.Order(StringComparer.Ordinal), labelled.Order(StringComparer.Ordinal));
        // Namespace, httpbin's three objects, PeerAuthentication, DestinationRule, the -cacert and ALB secrets, Gateway, VirtualService, Ingress.
        Assert.Equal(11, labelled.Count);
    }

    private sealed class PauseBeforeStep(string stepId) : ISetupRunHooks
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task BeforeStepAsync(Guid runId, string step, CancellationToken cancellationToken)
        {
            if (step == stepId)
            {
                Reached.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }
}
