using System.Text;
using Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.Kubernetes.Tests.Conformance;

[Collection(ConformanceCollection.Name)]
public sealed class PatchConformanceTests(ClusterFixture cluster) : IAsyncLifetime
{
    private readonly IKubernetes _client = cluster.CreateClient();
    private TestNamespace _ns = null!;

    public async Task InitializeAsync() => _ns = await TestNamespace.CreateAsync(_client, "conf-patch");

    public async Task DisposeAsync() => await _ns.DisposeAsync();

    [Fact]
    public async Task MergePatch_AddsAndRemovesLabels()
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(CrudConformanceTests.ConfigMap("mp", ("a", "1"), ("b", "2")), _ns.Name);
        var patched = await _client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"metadata\":{\"labels\":{\"a\":null,\"c\":\"3\"}}}", V1Patch.PatchType.MergePatch), "mp", _ns.Name);
        Assert.Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }, patched.Metadata.Labels);
    }

    [Fact]
    public async Task JsonPatch_AppliesOperationsAndFailsOnMissingPath()
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(CrudConformanceTests.ConfigMap("jp"), _ns.Name);
        var patched = await _client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("[{\"op\":\"add\",\"path\":\"/data/extra\",\"value\":\"x\"},{\"op\":\"replace\",\"path\":\"/data/key\",\"value\":\"y\"}]", V1Patch.PatchType.JsonPatch), "jp", _ns.Name);
        Assert.Equal("x", patched.Data["extra"]);
        Assert.Equal("y", patched.Data["key"]);

        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("[{\"op\":\"remove\",\"path\":\"/data/absent\"}]", V1Patch.PatchType.JsonPatch), "jp", _ns.Name));
        Assert.Equal(422, code);
        Assert.Equal("Invalid", status.Reason());
    }

    [Fact]
    public async Task StrategicMergePatch_MergesContainersByName()
    {
        var deployment = Workloads.Deployment("smp", replicas: 0);
        deployment.Spec.Template.Spec.Containers.Add(new V1Container { Name = "side", Image = "busybox:1.36" });
        await _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, _ns.Name);
        var patch = "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"side\",\"image\":\"busybox:1.37\"}]}}}}";
        var patched = await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "smp", _ns.Name);
        var containers = patched.Spec.Template.Spec.Containers;
        Assert.Equal(["app", "side"], containers.Select(c => c.Name));
        Assert.Equal("busybox:1.37", containers[1].Image);

        var merge = await _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), "smp", _ns.Name);
        Assert.Equal(["side"], merge.Spec.Template.Spec.Containers.Select(c => c.Name));
    }

    [Fact]
    public async Task ServerSideApply_CreatesThenConflictsWithAnotherManagerUnlessForced()
    {
        // KubernetesClient sends apply bodies as JSON, which is valid YAML for application/apply-patch+yaml.
        var yaml = $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"ssa\",\"namespace\":\"{_ns.Name}\"}},\"data\":{{\"owner\":\"first\"}}}}";
        var created = await _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(yaml, V1Patch.PatchType.ApplyPatch), "ssa", _ns.Name, fieldManager: "first");
        Assert.Equal("first", created.Data["owner"]);
        Assert.Contains(created.Metadata.ManagedFields, m => m.Manager == "first" && m.Operation == "Apply");

        var second = yaml.Replace("\"first\"", "\"second\"", StringComparison.Ordinal);
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(second, V1Patch.PatchType.ApplyPatch), "ssa", _ns.Name, fieldManager: "second"));
        Assert.Equal(409, code);
        Assert.Equal("Conflict", status.Reason());
        Assert.Contains(".data.owner", status.CauseFields());

        var forced = await _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(second, V1Patch.PatchType.ApplyPatch), "ssa", _ns.Name, fieldManager: "second", force: true);
        Assert.Equal("second", forced.Data["owner"]);
    }

    [Fact]
    public async Task ServerSideApply_SameConfigTwice_IsANoOp()
    {
        // The port leaves out protocol: its key (port, protocol) must match the stored port defaulted to TCP.
        var json = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"ssa-svc\"},\"spec\":{\"selector\":{\"app\":\"x\"},\"ports\":[{\"name\":\"http\",\"port\":8000,\"targetPort\":8080}]}}";
        var first = await _client.CoreV1.PatchNamespacedServiceAsync(new V1Patch(json, V1Patch.PatchType.ApplyPatch), "ssa-svc", _ns.Name, fieldManager: "tester");
        var second = await _client.CoreV1.PatchNamespacedServiceAsync(new V1Patch(json, V1Patch.PatchType.ApplyPatch), "ssa-svc", _ns.Name, fieldManager: "tester");
        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        var port = Assert.Single(second.Spec.Ports);
        Assert.Equal("TCP", port.Protocol);
    }

    [Fact]
    public async Task ServerSideApply_WithoutFieldManager_Returns422()
    {
        var yaml = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"ssa-nomgr\"},\"data\":{\"a\":\"b\"}}";
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(yaml, V1Patch.PatchType.ApplyPatch), "ssa-nomgr", _ns.Name));
        Assert.Equal(422, code);
        Assert.Equal("Invalid", status.Reason());
    }

    [Fact]
    public async Task Patch_MissingObject_Returns404()
    {
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("{\"data\":{}}", V1Patch.PatchType.MergePatch), "absent", _ns.Name));
        Assert.Equal(404, code);
        Assert.Equal("NotFound", status.Reason());
    }

    [Fact]
    public async Task Patch_DataFieldOnSecret_KeepsBase64()
    {
        await _client.CoreV1.CreateNamespacedSecretAsync(CrudConformanceTests.Secret("sp", ("a", "1")), _ns.Name);
        var value = Convert.ToBase64String(Encoding.UTF8.GetBytes("2"));
        var patched = await _client.CoreV1.PatchNamespacedSecretAsync(new V1Patch($"{{\"data\":{{\"b\":\"{value}\"}}}}", V1Patch.PatchType.MergePatch), "sp", _ns.Name);
        Assert.Equal("2", Encoding.UTF8.GetString(patched.Data["b"]));
        Assert.Equal("1", Encoding.UTF8.GetString(patched.Data["a"]));
    }
}
