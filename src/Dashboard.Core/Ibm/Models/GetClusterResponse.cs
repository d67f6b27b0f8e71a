using System.Text.Json.Serialization;

namespace Dashboard.Core.Ibm.Models;

/// <summary>The fields of v2 <c>GetClusterResponse</c> the dashboard reads (SDK names; the rest is ignored).</summary>
internal sealed class GetClusterResponse
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("region")]
    public string? Region { get; set; }

    [JsonPropertyName("provider")]
    public string? Provider { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("state")]
    public string? State { get; set; }

    [JsonPropertyName("masterKubeVersion")]
    public string? MasterKubeVersion { get; set; }

    [JsonPropertyName("ingress")]
    public ClusterIngress? Ingress { get; set; }
}

/// <summary>v2 <c>CommonClusterIngress</c>.</summary>
internal sealed class ClusterIngress
{
    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
