using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.DataPlane.Watching;

/// <summary>An Istio custom resource (Gateway, VirtualService) with its spec kept as JSON, whatever the served version.</summary>
internal sealed class IstioObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public JsonElement Spec { get; set; }
}

/// <summary>A list of <see cref="IstioObject"/>.</summary>
internal sealed class IstioObjectList
{
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public List<IstioObject> Items { get; set; } = [];
}
