using System.Text;
using Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;
using Dashboard.Testing;
using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.Kubernetes.Tests.Conformance;

[Collection(ConformanceCollection.Name)]
public sealed class CrudConformanceTests(ClusterFixture cluster) : IAsyncLifetime
{
    private readonly IKubernetes _client = cluster.CreateClient();
    private TestNamespace _ns = null!;

    public async Task InitializeAsync() => _ns = await TestNamespace.CreateAsync(_client, "conf-crud");

    public async Task DisposeAsync() => await _ns.DisposeAsync();

    [Fact]
    public async Task Secret_CreateGetUpdateDelete_RoundTripsWithResourceVersions()
    {
        var created = await _client.CoreV1.CreateNamespacedSecretAsync(Secret("s1", ("k", "v")), _ns.Name);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal("Opaque", created.Type);

        var read = await _client.CoreV1.ReadNamespacedSecretAsync("s1", _ns.Name);
        Assert.Equal("v", Encoding.UTF8.GetString(read.Data["k"]));
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);

        read.Data["k"] = Encoding.UTF8.GetBytes("v2");
        var updated = await _client.CoreV1.ReplaceNamespacedSecretAsync(read, "s1", _ns.Name);
        Assert.NotEqual(read.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
        Assert.Equal(created.Metadata.Uid, updated.Metadata.Uid);

        await _client.CoreV1.DeleteNamespacedSecretAsync("s1", _ns.Name);
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CoreV1.ReadNamespacedSecretAsync("s1", _ns.Name));
        Assert.Equal(404, code);
        Assert.Equal("NotFound", status.Reason());
        Assert.Equal("s1", status.GetProperty("details").GetProperty("name").GetString());
        Assert.Equal("secrets", status.GetProperty("details").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Create_ExistingName_Returns409AlreadyExists()
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dup"), _ns.Name);
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dup"), _ns.Name));
        Assert.Equal(409, code);
        Assert.Equal("AlreadyExists", status.Reason());
    }

    [Fact]
    public async Task Update_StaleResourceVersion_Returns409Conflict()
    {
        var first = await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("occ"), _ns.Name);
        first.Data = new Dictionary<string, string> { ["a"] = "1" };
        await _client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "occ", _ns.Name);
        first.Data["a"] = "2";
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "occ", _ns.Name));
        Assert.Equal(409, code);
        Assert.Equal("Conflict", status.Reason());
        var current = await _client.CoreV1.ReadNamespacedConfigMapAsync("occ", _ns.Name);
        Assert.Equal("1", current.Data["a"]);
    }

    [Fact]
    public async Task List_LabelAndFieldSelectors_FilterAsTheServerDoes()
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("sel-a", ("tier", "web")), _ns.Name);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("sel-b", ("tier", "db")), _ns.Name);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("sel-c"), _ns.Name);

        var web = await _client.CoreV1.ListNamespacedConfigMapAsync(_ns.Name, labelSelector: "tier=web");
        Assert.Equal(["sel-a"], web.Items.Select(i => i.Metadata.Name));
        var set = await _client.CoreV1.ListNamespacedConfigMapAsync(_ns.Name, labelSelector: "tier in (web,db)");
        Assert.Equal(["sel-a", "sel-b"], set.Items.Select(i => i.Metadata.Name).Order());
        var without = await _client.CoreV1.ListNamespacedConfigMapAsync(_ns.Name, labelSelector: "!tier");
        Assert.Contains("sel-c", without.Items.Select(i => i.Metadata.Name));
        Assert.DoesNotContain("sel-a", without.Items.Select(i => i.Metadata.Name));
        var byName = await _client.CoreV1.ListNamespacedConfigMapAsync(_ns.Name, fieldSelector: "metadata.name=sel-b");
        Assert.Equal(["sel-b"], byName.Items.Select(i => i.Metadata.Name));

        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CoreV1.ListNamespacedConfigMapAsync(_ns.Name, fieldSelector: "spec.nothing=x"));
        Assert.Equal(400, code);
        Assert.Equal("BadRequest", status.Reason());
    }

    [Fact]
    public async Task ListAllNamespaces_NamespaceFieldSelector_KeepsThatNamespaceOnly()
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("ns-a"), _ns.Name);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("ns-b"), _ns.Name);

        var inNamespace = await _client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: "metadata.namespace=" + _ns.Name);
        Assert.All(inNamespace.Items, i => Assert.Equal(_ns.Name, i.Metadata.NamespaceProperty));
        Assert.Superset(new HashSet<string> { "ns-a", "ns-b" }, inNamespace.Items.Select(i => i.Metadata.Name).ToHashSet());

        var both = await _client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: $"metadata.namespace={_ns.Name},metadata.name=ns-b");
        Assert.Equal([(_ns.Name, "ns-b")], both.Items.Select(i => (i.Metadata.NamespaceProperty, i.Metadata.Name)));

        var elsewhere = await _client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: "metadata.namespace!=" + _ns.Name);
        Assert.NotEmpty(elsewhere.Items);
        Assert.DoesNotContain(elsewhere.Items, i => i.Metadata.NamespaceProperty == _ns.Name);
    }

    [Fact]
    public async Task List_LimitAndContinue_PagesThroughEverything()
    {
        for (var i = 0; i < 7; i++)
        {
            await _client.CoreV1.CreateNamespacedSecretAsync(Secret($"page-{i}", ("k", "v")), _ns.Name);
        }

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _client.CoreV1.ListNamespacedSecretAsync(_ns.Name, limit: 3, continueParameter: token, labelSelector: "page=yes");
            names.AddRange(page.Items.Select(i => i.Metadata.Name));
            Assert.True(page.Items.Count <= 3);
            token = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"page-{i}"), names);
        Assert.Equal(3, pages);

        var (code, _) = await ApiErrors.CaptureAsync(() => _client.CoreV1.ListNamespacedSecretAsync(_ns.Name, continueParameter: "not-a-token"));
        Assert.Equal(400, code);
    }

    [Fact]
    public async Task DeleteCollection_WithLabelSelector_DeletesOnlyMatches()
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dc-1", ("batch", "x")), _ns.Name);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dc-2", ("batch", "x")), _ns.Name);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dc-3", ("batch", "y")), _ns.Name);
        await _client.CoreV1.DeleteCollectionNamespacedConfigMapAsync(_ns.Name, labelSelector: "batch=x");
        var left = await _client.CoreV1.ListNamespacedConfigMapAsync(_ns.Name, labelSelector: "batch");
        Assert.Equal(["dc-3"], left.Items.Select(i => i.Metadata.Name));
    }

    [Fact]
    public async Task Deployment_StatusSubresource_IgnoresSpecAndMainIgnoresStatus()
    {
        var deployment = Workloads.Deployment("status-demo", replicas: 0);
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, _ns.Name);
        created.Status = new V1DeploymentStatus { Replicas = 42 };
        created.Metadata.ResourceVersion = null; // unconditional: the controller may have written status meanwhile
        var afterMain = await _client.AppsV1.ReplaceNamespacedDeploymentAsync(created, "status-demo", _ns.Name);
        Assert.NotEqual(42, afterMain.Status?.Replicas);

        var current = await _client.AppsV1.ReadNamespacedDeploymentAsync("status-demo", _ns.Name);
        current.Spec.Replicas = 5;
        current.Status ??= new V1DeploymentStatus();
        current.Status.ObservedGeneration = 99;
        current.Metadata.ResourceVersion = null;
        var afterStatus = await _client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(current, "status-demo", _ns.Name);
        Assert.Equal(0, afterStatus.Spec.Replicas);
    }

    [Fact]
    public async Task Service_StatusSubresource_IgnoresSpecAndMainIgnoresStatus()
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "status-svc" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "before" }, Ports = [new V1ServicePort { Name = "http", Port = 80 }] },
        };
        await _client.CoreV1.CreateNamespacedServiceAsync(service, _ns.Name);

        var current = await _client.CoreV1.ReadNamespacedServiceAsync("status-svc", _ns.Name);
        current.Spec.Selector["app"] = "through-status";
        current.Status = new V1ServiceStatus { Conditions = [Condition("Probed", "set through services/status")] };
        var afterStatus = await _client.CoreV1.ReplaceNamespacedServiceStatusAsync(current, "status-svc", _ns.Name);
        Assert.Equal("before", afterStatus.Spec.Selector["app"]);
        Assert.Equal(["Probed"], afterStatus.Status.Conditions.Select(c => c.Type));

        afterStatus.Status.Conditions = [Condition("Ignored", "sent to the main resource")];
        afterStatus.Metadata.Labels = new Dictionary<string, string> { ["changed"] = "yes" };
        var afterMain = await _client.CoreV1.ReplaceNamespacedServiceAsync(afterStatus, "status-svc", _ns.Name);
        Assert.Equal("yes", afterMain.Metadata.Labels["changed"]);
        Assert.Equal(["Probed"], afterMain.Status.Conditions.Select(c => c.Type));

        var read = await _client.CoreV1.ReadNamespacedServiceStatusAsync("status-svc", _ns.Name);
        Assert.Equal("set through services/status", Assert.Single(read.Status.Conditions).Message);
        Assert.Equal("before", read.Spec.Selector["app"]);
    }

    [Fact]
    public async Task DeleteDeployment_Foreground_WaitsForDependentsThenGoes()
    {
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Workloads.Deployment("fg", replicas: 0), _ns.Name);
        await Poll.UntilAsync(async () => (await _client.AppsV1.ListNamespacedReplicaSetAsync(_ns.Name, labelSelector: "app=fg")).Items.Count == 1, "the ReplicaSet");
        var status = await _client.AppsV1.DeleteNamespacedDeploymentAsync("fg", _ns.Name, propagationPolicy: "Foreground");
        var marked = status.ObjectView<V1Deployment>();
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.Contains("foregroundDeletion", marked.Metadata.Finalizers);
        await Poll.UntilAsync(async () =>
            (await _client.AppsV1.ListNamespacedDeploymentAsync(_ns.Name, fieldSelector: "metadata.name=fg")).Items.Count == 0
            && (await _client.AppsV1.ListNamespacedReplicaSetAsync(_ns.Name, labelSelector: "app=fg")).Items.Count == 0, "owner and dependents gone", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task GenerateName_CreatesAUniqueName()
    {
        var secret = new V1Secret { Metadata = new V1ObjectMeta { GenerateName = "gen-" }, StringData = new Dictionary<string, string> { ["a"] = "b" } };
        var one = await _client.CoreV1.CreateNamespacedSecretAsync(secret, _ns.Name);
        var two = await _client.CoreV1.CreateNamespacedSecretAsync(secret, _ns.Name);
        Assert.StartsWith("gen-", one.Metadata.Name);
        Assert.NotEqual(one.Metadata.Name, two.Metadata.Name);
        Assert.Equal("b", Encoding.UTF8.GetString(one.Data["a"]));
        Assert.Null(one.StringData);
    }

    private static V1Condition Condition(string type, string message) => new()
    {
        Type = type,
        Status = "True",
        Reason = "ConformanceTest",
        Message = message,
        LastTransitionTime = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
    };

    internal static V1Secret Secret(string name, params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = name.StartsWith("page-", StringComparison.Ordinal) ? new Dictionary<string, string> { ["page"] = "yes" } : null },
        Data = data.ToDictionary(d => d.Key, d => Encoding.UTF8.GetBytes(d.Value)),
    };

    internal static V1ConfigMap ConfigMap(string name, params (string Key, string Value)[] labels) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels.Length == 0 ? null : labels.ToDictionary(l => l.Key, l => l.Value) },
        Data = new Dictionary<string, string> { ["key"] = "value" },
    };
}
