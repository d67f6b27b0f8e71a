using System.Text.Json;
using Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;
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
                    new V1CustomResourceDefinitionVersion { Name = "v1", Served = true, Storage = true, Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schema } },
                    new V1CustomResourceDefinitionVersion { Name = "v1beta1", Served = true, Storage = false, Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schema } },
                ],
            },
        });
        await Eventually.UntilAsync(async () =>
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
        var created = (JsonElement)await _client.CustomObjects.CreateNamespacedCustomObjectAsync(body, _group, "v1", _ns.Name, "widgets");
        Assert.False(created.GetProperty("spec").TryGetProperty("extra", out _));

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
