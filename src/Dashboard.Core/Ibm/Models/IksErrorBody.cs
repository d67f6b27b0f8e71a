using System.Text.Json.Serialization;

namespace Dashboard.Core.Ibm.Models;

/// <summary>The IKS error body: <c>{"incidentID","code","description","type","recoveryCLI"}</c>.</summary>
internal sealed class IksErrorBody
{
    [JsonPropertyName("incidentID")]
    public string? IncidentId { get; set; }

    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("recoveryCLI")]
    public string? RecoveryCli { get; set; }
}
