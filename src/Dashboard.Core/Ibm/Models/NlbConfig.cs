using System.Text.Json.Serialization;

namespace Dashboard.Core.Ibm.Models;

/// <summary>
/// The classic <c>NlbConfig</c>: body of v1 register/add, response of register, and the flat element of
/// <c>getNlbDNSList</c> for classic clusters. Real responses also carry a stringified <c>nlbIP</c> (<c>"[\"1.2.3.4\"]"</c>).
/// </summary>
internal sealed class NlbConfig
{
    [JsonPropertyName("clusterID")]
    public string? ClusterId { get; set; }

    [JsonPropertyName("nlbHost")]
    public string? NlbHost { get; set; }

    [JsonPropertyName("nlbIPArray")]
    public List<string>? NlbIpArray { get; set; }

    [JsonPropertyName("nlbIP")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NlbIp { get; set; }

    [JsonPropertyName("nlbType")]
    public string? NlbType { get; set; }

    [JsonPropertyName("nlbDnsType")]
    public string? NlbDnsType { get; set; }

    [JsonPropertyName("nlbMonitorState")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NlbMonitorState { get; set; }

    [JsonPropertyName("nlbSslSecretName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NlbSslSecretName { get; set; }

    [JsonPropertyName("nlbSslSecretStatus")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NlbSslSecretStatus { get; set; }

    [JsonPropertyName("secretNamespace")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SecretNamespace { get; set; }
}
