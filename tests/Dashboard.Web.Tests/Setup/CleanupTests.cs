using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using k8s;
using k8s.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// Cleanup through /api: what the setup created goes, what it changed comes back as it was, what someone else took
/// over stays, IKS registrations are removed; a second cleanup changes nothing and the setup can run again.
/// </summary>
public sealed class CleanupTests
{
    private const string Selector = "app.kubernetes.io/managed-by=iks-istio-mtls-dashboard";

    [Fact]
    public async Task Cleanup_AfterFullSetup_UndoesEverythingAndIsRepeatable()
    {
        await using var app = await SandboxApp.StartAsync();
        using var client = Kubernetes(app);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "httptools", Labels = new Dictionary<string, string> { ["team"] = "payments" } } });
        var run = await app.RunAsync();
        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run));
        Assert.NotEmpty(await LabelledAsync(client));
        Assert.NotEmpty(await RegistrationsAsync(app));

        // What a crash between IKS's answer and the ledger's confirmation leaves: only the intent is recorded.
        var contexts = app.Host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var intents = await db.Ownership.Where(o => o.ResourceType == OwnedResourceType.IksRegistration)
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.Origin, OwnershipOrigin.Intended).SetProperty(o => o.Name, o => o.Detail!));
            Assert.Equal(1, intents);
        }

        var result = await CleanupAsync(app, HttpStatusCode.OK);

        Assert.True(result["succeeded"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal("verify-alb", result["steps"]![0]!["step"]!.GetValue<string>());
        Assert.Empty(await LabelledAsync(client));
        Assert.Empty(await RegistrationsAsync(app));
        Assert.Empty(await app.Host.Services.GetRequiredService<OwnershipLedger>().ListAsync("sandbox", CancellationToken.None));
        var ns = await client.CoreV1.ReadNamespaceAsync("httptools");
        Assert.Equal("payments", ns.Metadata.Labels["team"]);
        Assert.False(ns.Metadata.Labels.ContainsKey("istio-injection"), "the label the setup added is removed again");
        Assert.DoesNotContain(ns.Metadata.Annotations ?? new Dictionary<string, string>(), a => a.Key.StartsWith("iks-istio-mtls-dashboard/", StringComparison.Ordinal));
        var audit = await app.GetJsonAsync("/api/audit?action=setup.cleanup&pageSize=100");
        Assert.Contains(audit["items"]!.AsArray(), e => e!["subject"]!.GetValue<string>() == "sandbox/gateway" && e["details"]!.GetValue<string>().Contains("deleted", StringComparison.Ordinal));
        Assert.Contains(audit["items"]!.AsArray(), e => e!["subject"]!.GetValue<string>() == "sandbox/namespace" && e["details"]!.GetValue<string>().Contains("restored", StringComparison.Ordinal));

        var writes = app.KubernetesWrites;
        var again = await CleanupAsync(app, HttpStatusCode.OK);
        Assert.True(again["succeeded"]!.GetValue<bool>(), again.ToJsonString());
        Assert.All(again["steps"]!.AsArray(), s => Assert.Empty(s!["outcome"]!["changes"]!.AsArray()));
        Assert.Equal(writes, app.KubernetesWrites);

        var rerun = await app.RunAsync();
        Assert.True(rerun["state"]!.GetValue<string>() == "Succeeded", "the setup runs again after a cleanup: " + SandboxApp.Describe(rerun));
    }

    [Fact]
    public async Task Cleanup_ObjectTakenOverBySomeoneElse_IsLeft_AndCleanupWaitsForAnActiveRun()
    {
        var pause = new PauseBeforeStep("ingress");
        await using var app = await SandboxApp.StartAsync(configure: b => b.Services.AddSingleton<ISetupRunHooks>(pause));
        using var client = Kubernetes(app);
        var runId = await app.StartRunAsync();
        await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var refused = await app.Api.PostAsync("/api/targets/sandbox/setup/cleanup", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(runId.ToString(), await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(await LabelledAsync(client));

        pause.Release();
        var run = await app.WaitForRunAsync(runId, TimeSpan.FromSeconds(90));
        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run));

        // Someone relabels the VirtualService as theirs: the cleanup must not delete it.
        var patch = new V1Patch("""{"metadata":{"labels":{"app.kubernetes.io/managed-by":"team-payments","iks-istio-mtls-dashboard/setup-id":null}}}""", V1Patch.PatchType.MergePatch);
        var virtualServices = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await client.CustomObjects.ListNamespacedCustomObjectAsync("networking.istio.io", "v1", "httptools", "virtualservices")))!;
        var name = virtualServices["items"]![0]!["metadata"]!["name"]!.GetValue<string>();
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "networking.istio.io", "v1", "httptools", "virtualservices", name);

        // Their bare ReplicaSet: a kind the setup never writes, found through discovery like any other.
        await client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta { Name = "their-worker" },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "their-worker" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "their-worker" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "worker", Image = "busybox" }] },
                },
            },
        }, "httptools");

        // A token secret the cluster (before 1.24) makes for every service account is nobody's object in this sense.
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "default-token-x7k2p", Annotations = new Dictionary<string, string> { ["kubernetes.io/service-account.name"] = "default" } },
            Type = "kubernetes.io/service-account-token",
        }, "httptools");

        var result = await CleanupAsync(app, HttpStatusCode.OK);

        var step = Step(result, "virtual-service");
        Assert.Contains("was left", step["outcome"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(await client.CustomObjects.GetNamespacedCustomObjectAsync("networking.istio.io", "v1", "httptools", "virtualservices", name));

        // The namespace the setup created holds their VirtualService now: deleting it would delete theirs too.
        var ns = Step(result, "namespace")["outcome"]!;
        Assert.Equal(("Blocked", "SETUP_NOT_OWNED"), (ns["kind"]!.GetValue<string>(), ns["code"]!.GetValue<string>()));
        Assert.Contains($"VirtualService/{name}", ns["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("ReplicaSet/their-worker", ns["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("default-token", ns["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("Pod/", ns["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(result["succeeded"]!.GetValue<bool>());
        Assert.Equal(["Namespace httptools"], await LabelledAsync(client));

        // Once they take their object away, cleaning up again finishes the job.
        await client.CustomObjects.DeleteNamespacedCustomObjectAsync("networking.istio.io", "v1", "httptools", "virtualservices", name);
        await client.AppsV1.DeleteNamespacedReplicaSetAsync("their-worker", "httptools");
        var again = await CleanupAsync(app, HttpStatusCode.OK);
        Assert.True(again["succeeded"]!.GetValue<bool>(), again.ToJsonString());
        Assert.Empty(await LabelledAsync(client));
    }

    private static JsonNode Step(JsonObject result, string id) => result["steps"]!.AsArray().Single(s => s!["step"]!.GetValue<string>() == id)!;

    private static async Task<JsonObject> CleanupAsync(SandboxApp app, HttpStatusCode expected)
    {
        using var response = await app.Api.PostAsync("/api/targets/sandbox/setup/cleanup", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"cleanup: {(int)response.StatusCode} {body[..Math.Min(body.Length, 2000)]}\n{app.Problems()}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static async Task<IReadOnlyList<string>> RegistrationsAsync(SandboxApp app)
    {
        var clients = (await app.Host.Services.GetRequiredService<ITargetClients>().GetAsync("sandbox", CancellationToken.None))!;
        var nlb = await clients.Iks!.ListNlbDnsAsync(clients.Credential!, "sandbox");
        return [.. nlb.Value!.Where(e => e.Ips.Contains("169.46.52.10")).Select(e => e.Host)];
    }

    /// <summary>Every object in the cluster carrying the dashboard's managed-by label.</summary>
    private static async Task<IReadOnlyList<string>> LabelledAsync(k8s.Kubernetes client)
    {
        var labelled = new List<string>();
        labelled.AddRange((await client.CoreV1.ListNamespaceAsync(labelSelector: Selector)).Items.Select(o => $"Namespace {o.Metadata.Name}"));
        labelled.AddRange((await client.CoreV1.ListSecretForAllNamespacesAsync(labelSelector: Selector)).Items.Select(o => $"Secret {o.Metadata.Name}"));
        labelled.AddRange((await client.CoreV1.ListServiceForAllNamespacesAsync(labelSelector: Selector)).Items.Select(o => $"Service {o.Metadata.Name}"));
        labelled.AddRange((await client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: Selector)).Items.Select(o => $"Deployment {o.Metadata.Name}"));
        labelled.AddRange((await client.NetworkingV1.ListIngressForAllNamespacesAsync(labelSelector: Selector)).Items.Select(o => $"Ingress {o.Metadata.Name}"));
        foreach (var (group, plural) in new[] { ("networking.istio.io", "gateways"), ("networking.istio.io", "virtualservices"), ("networking.istio.io", "destinationrules"), ("security.istio.io", "peerauthentications") })
        {
            var list = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await client.CustomObjects.ListClusterCustomObjectAsync(group, "v1", plural, labelSelector: Selector)))!;
            labelled.AddRange(list["items"]!.AsArray().Select(i => $"{plural} {i!["metadata"]!["name"]}"));
        }

        return labelled;
    }

    private static k8s.Kubernetes Kubernetes(SandboxApp app) => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(app.Sandbox.KubeconfigPath));

    private sealed class PauseBeforeStep(string stepId) : ISetupRunHooks
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.TrySetResult();

        public async Task BeforeStepAsync(Guid runId, string step, CancellationToken cancellationToken)
        {
            if (step == stepId)
            {
                Reached.TrySetResult();
                await _release.Task.WaitAsync(cancellationToken);
            }
        }
    }
}
