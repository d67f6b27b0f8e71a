using System.Text.Json.Nodes;
using Dashboard.Core.Kubernetes;
using Dashboard.Sandbox.Kubernetes;
using k8s;
using k8s.Models;

namespace Dashboard.Core.Tests.Kubernetes;

/// <summary>The Kubernetes access layer against the sandbox's API server: one generic path for core and named groups, typed helpers, watches, kinds.</summary>
public sealed class ClusterApiTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cluster-api-").FullName;
    private SandboxKubernetesServer _server = null!;
    private k8s.Kubernetes _client = null!;
    private ClusterApi _api = null!;

    public async Task InitializeAsync()
    {
        _server = new SandboxKubernetesServer(new SandboxKubernetesOptions { DataDirectory = _directory, PersistState = false, PodStartupDelay = TimeSpan.Zero });
        await _server.StartAsync(CancellationToken.None);
        _client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.KubeconfigPath));
        _api = new ClusterApi(_client);
    }

    [Fact]
    public async Task Typed_ApplyGetListDelete_ConfigMapInTheCoreGroup()
    {
        var applied = await _api.ApplyAsync(new V1ConfigMap { Metadata = new() { Name = "typed", NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["t"] = "1" } }, Data = new Dictionary<string, string> { ["k"] = "v" } }, force: false, CancellationToken.None);

        Assert.Equal("v", applied.Data["k"]);
        Assert.Contains(applied.Metadata.ManagedFields, m => m.Manager == ClusterApi.FieldManager);
        Assert.Equal("v", (await _api.GetAsync<V1ConfigMap>("default", "typed", CancellationToken.None))!.Data["k"]);
        Assert.Equal(["typed"], (await _api.ListAsync<V1ConfigMap>("default", "t=1", CancellationToken.None)).Select(c => c.Metadata.Name));
        Assert.True(await _api.DeleteAsync<V1ConfigMap>("default", "typed", CancellationToken.None));
        Assert.Null(await _api.GetAsync<V1ConfigMap>("default", "typed", CancellationToken.None));
        Assert.False(await _api.DeleteAsync<V1ConfigMap>("default", "typed", CancellationToken.None));
    }

    [Fact]
    public async Task Json_NamedGroupAndClusterScoped_SamePathAsTheCoreGroup()
    {
        var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "generic" } };
        await _api.ApplyAsync(ResourceKind.Namespace, ns, force: false, CancellationToken.None);
        var deployment = JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"generic"},"spec":{"selector":{"matchLabels":{"app":"d"}},"template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}""")!.AsObject();

        await _api.ApplyAsync(ResourceKind.Deployment, deployment, force: false, CancellationToken.None);

        Assert.NotNull(await _api.GetAsync(ResourceKind.Namespace, null, "generic", CancellationToken.None));
        Assert.Single(await _api.ListAsync(ResourceKind.Deployment, "generic", null, CancellationToken.None));
        Assert.Empty(await _api.ListAsync(ResourceKind.Gateway("v1"), "generic", null, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<KubernetesApiException>(() => _api.ApplyAsync(ResourceKind.Deployment, new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["metadata"] = new JsonObject { ["name"] = "d", ["namespace"] = "missing" } }, false, CancellationToken.None));
        Assert.Contains("Deployment missing/d", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_FromAListsVersion_SeesAddedModifiedDeleted()
    {
        var (_, version) = await _api.ListWithVersionAsync(ResourceKind.ConfigMap, "default", "watched=yes", CancellationToken.None);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<(WatchEventType, string)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, item) in _api.WatchAsync<V1ConfigMap>("default", "watched=yes", version, stop.Token))
            {
                seen.Add((type, item.Data?["k"] ?? "-"));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });

        await Dashboard.Testing.Poll.UntilAsync(() => _server.Requests.Watch >= 1, "the watch to be open");
        var map = new V1ConfigMap { Metadata = new() { Name = "w", NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["watched"] = "yes" } }, Data = new Dictionary<string, string> { ["k"] = "1" } };
        await _api.ApplyAsync(map, force: false, CancellationToken.None);
        map.Data["k"] = "2";
        await _api.ApplyAsync(map, force: false, CancellationToken.None);
        await _api.DeleteAsync<V1ConfigMap>("default", "w", CancellationToken.None);
        await watching.WaitAsync(stop.Token);

        Assert.Equal([(WatchEventType.Added, "1"), (WatchEventType.Modified, "2"), (WatchEventType.Deleted, "2")], seen);
    }

    [Fact]
    public async Task ResolveKind_KnownWithoutARequest_OtherKindsThroughDiscovery()
    {
        var before = _server.Requests;

        var known = await _api.ResolveKindAsync("networking.istio.io/v1", "Gateway", CancellationToken.None);
        Assert.Equal(before, _server.Requests);
        var discovered = await _api.ResolveKindAsync("apps/v1", "ReplicaSet", CancellationToken.None);
        var unknown = await _api.ResolveKindAsync("example.com/v1", "Widget", CancellationToken.None);

        Assert.Equal(new ResourceKind("networking.istio.io", "v1", "gateways", "Gateway", true), known);
        Assert.Equal(new ResourceKind("apps", "v1", "replicasets", "ReplicaSet", true), discovered);
        Assert.Null(unknown);
        Assert.Equal(ResourceKind.Secret, ResourceKind.Of<V1Secret>());
        Assert.Equal(new ResourceKind("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false), ResourceKind.Of<V1ClusterRole>());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
