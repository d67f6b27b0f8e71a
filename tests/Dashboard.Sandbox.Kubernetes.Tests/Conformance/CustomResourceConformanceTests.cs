using System.Text.Json;
using Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;
using Dashboard.Testing;
using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.Kubernetes.Tests.Conformance;

/// <summary>Custom resources through a CRD the test installs itself (so it runs on any cluster).</summary>
[Collection(ConformanceCollection.Name)]
public sealed class CustomResourceConformanceTests(ClusterFixture cluster) : IAsyncLifetime
{
    private readonly IKubernetes _client = cluster.CreateClient();
    private readonly string _group = $"g{Guid.NewGuid().ToString("N")[..8]}.conformance.example.com";
    private TestNamespace _ns = null!;

    public async Task InitializeAsync()
    {
        _ns = await TestNamespace.CreateAsync(_client, "conf-cr");
        var schema = new V1JSONSchemaProps
        {
            Type = "object",
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["spec"] = new()
                {
                    Type = "object",
                    Properties = new Dictionary<string, V1JSONSchemaProps>
                    {
                        ["size"] = new() { Type = "integer", Minimum = 1 },
                        ["mode"] = new() { Type = "string", EnumProperty = ["A", "B"] },
                    },
                },
            },
        };
        await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = $"widgets.{_group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = _group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Plural = "widgets", Singular = "widget", Kind = "Widget" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion { Name = "v1", Served = true, Storage = true, Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schema }, Subresources = StatusSubresource() },
                    new V1CustomResourceDefinitionVersion { Name = "v1beta1", Served = true, Storage = false, Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schema }, Subresources = StatusSubresource() },
                ],
            },
        });
        await Poll.UntilAsync(async () =>
        {
            var crd = await _client.ApiextensionsV1.ReadCustomResourceDefinitionAsync($"widgets.{_group}");
            return crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
        }, "CRD established");
    }

    public async Task DisposeAsync()
    {
        await _client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync($"widgets.{_group}");
        await _ns.DisposeAsync();
    }

    [Fact]
    public async Task CustomResource_ServedAtEveryVersion_StoredOnce()
    {
        var v1 = new GenericClient(_client, _group, "v1", "widgets");
        await v1.CreateNamespacedAsync(Widget("w1", 3, "A"), _ns.Name);
        var beta = new GenericClient(_client, _group, "v1beta1", "widgets");
        var viaBeta = await beta.ReadNamespacedAsync<Widget>(_ns.Name, "w1");
        Assert.Equal($"{_group}/v1beta1", viaBeta.ApiVersion);
        Assert.Equal(3, ((JsonElement)viaBeta.Spec["size"]).GetInt32());
        var list = await _client.CustomObjects.ListNamespacedCustomObjectAsync(_group, "v1", _ns.Name, "widgets");
        var items = ((JsonElement)list).GetProperty("items");
        Assert.Equal(1, items.GetArrayLength());
    }

    [Fact]
    public async Task CustomResource_SchemaViolations_Return422()
    {
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CustomObjects.CreateNamespacedCustomObjectAsync(Widget("bad", 0, "C"), _group, "v1", _ns.Name, "widgets"));
        Assert.Equal(422, code);
        Assert.Equal("Invalid", status.Reason());
        Assert.Contains("spec.mode", status.CauseFields());
        Assert.Contains("spec.size", status.CauseFields());
    }

    [Fact]
    public async Task CustomResource_UnknownField_PrunedByDefaultRejectedWhenStrict()
    {
        var body = Widget("prune", 2, "B");
        body.Spec["extra"] = "dropped";
        using (var response = await _client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync(body, _group, "v1", _ns.Name, "widgets"))
        {
            Assert.False(((JsonElement)response.Body).GetProperty("spec").TryGetProperty("extra", out _));
            Assert.Contains(response.Response.Headers.GetValues("Warning"), w => w.StartsWith("299 ", StringComparison.Ordinal) && w.Contains("unknown field \\\"spec.extra\\\"", StringComparison.Ordinal));
        }

        var stored = (JsonElement)await _client.CustomObjects.GetNamespacedCustomObjectAsync(_group, "v1", _ns.Name, "widgets", "prune");
        Assert.False(stored.GetProperty("spec").TryGetProperty("extra", out _));

        var strict = Widget("strict", 2, "B");
        strict.Spec["extra"] = "refused";
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CustomObjects.CreateNamespacedCustomObjectAsync(strict, _group, "v1", _ns.Name, "widgets", fieldValidation: "Strict"));
        Assert.Equal(400, code);
        Assert.Equal("BadRequest", status.Reason());
    }

    [Fact]
    public async Task CustomResource_StrategicMergePatch_Returns415()
    {
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync(Widget("smp", 1, "A"), _group, "v1", _ns.Name, "widgets");
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"spec\":{\"size\":2}}", V1Patch.PatchType.StrategicMergePatch), _group, "v1", _ns.Name, "widgets", "smp"));
        Assert.Equal(415, code);
        Assert.Equal("UnsupportedMediaType", status.Reason());
        var merged = (JsonElement)await _client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"spec\":{\"size\":2}}", V1Patch.PatchType.MergePatch), _group, "v1", _ns.Name, "widgets", "smp");
        Assert.Equal(2, merged.GetProperty("spec").GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task CustomResource_ForcedApplyAfterAnotherManagersMergePatch_TakesTheField()
    {
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync(Widget("owned", 1, "A"), _group, "v1", _ns.Name, "widgets", fieldManager: "creator");
        await _client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"spec\":{\"size\":2}}", V1Patch.PatchType.MergePatch), _group, "v1", _ns.Name, "widgets", "owned", fieldManager: "patcher");
        var applied = $"{{\"apiVersion\":\"{_group}/v1\",\"kind\":\"Widget\",\"metadata\":{{\"name\":\"owned\"}},\"spec\":{{\"size\":5}}}}";

        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(applied, V1Patch.PatchType.ApplyPatch), _group, "v1", _ns.Name, "widgets", "owned", fieldManager: "applier"));
        Assert.Equal(409, code);
        Assert.Contains(".spec.size", status.CauseFields());

        var forced = (JsonElement)await _client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(applied, V1Patch.PatchType.ApplyPatch), _group, "v1", _ns.Name, "widgets", "owned", fieldManager: "applier", force: true);
        Assert.Equal(5, forced.GetProperty("spec").GetProperty("size").GetInt32());
        Assert.Equal("A", forced.GetProperty("spec").GetProperty("mode").GetString());
        Assert.False(forced.TryGetProperty("status", out _));
        var managers = forced.GetProperty("metadata").GetProperty("managedFields").EnumerateArray()
            .ToDictionary(m => m.GetProperty("manager").GetString()!, m => m.GetProperty("fieldsV1").GetRawText());
        Assert.Contains("f:size", managers["applier"], StringComparison.Ordinal);
        Assert.DoesNotContain("f:size", managers.GetValueOrDefault("patcher") ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(managers.Values, fields => fields.Contains("f:status", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CustomResource_GroupVersionDiscovery_ListsTheResourceAndItsStatus()
    {
        var list = await Poll.UntilAsync(
            () => _client.CustomObjects.GetAPIResourcesAsync(_group, "v1beta1"), l => l.Resources?.Any(r => r.Name == "widgets/status") == true, "the CRD's resources in discovery");
        Assert.Equal($"{_group}/v1beta1", list.GroupVersion);
        var widgets = list.Resources.Single(r => r.Name == "widgets");
        Assert.Equal(("Widget", "widget", true), (widgets.Kind, widgets.SingularName, widgets.Namespaced));
        Assert.Superset(new HashSet<string> { "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch" }, widgets.Verbs.ToHashSet());
        Assert.Equal(["get", "patch", "update"], list.Resources.Single(r => r.Name == "widgets/status").Verbs.Order());
    }

    private static V1CustomResourceSubresources StatusSubresource() => new() { Status = new Dictionary<string, object>() };

    private Widget Widget(string name, int size, string mode) => new()
    {
        ApiVersion = $"{_group}/v1",
        Kind = "Widget",
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new Dictionary<string, object> { ["size"] = size, ["mode"] = mode },
    };
}

public sealed class Widget : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public V1ObjectMeta Metadata { get; set; } = new();

    public Dictionary<string, object> Spec { get; set; } = [];
}
