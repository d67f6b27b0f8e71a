using System.Text.Json.Serialization;

namespace Dashboard.Core.Ibm.Models;

/// <summary>The VPC <c>NlbVPCConfig</c>: body of createNlbDNS/removeLBHostname, response of createNlbDNS, and the <c>"Nlb"</c> object of list entries.</summary>
internal sealed class NlbVpcConfig
{
    [JsonPropertyName("cluster")]
    public string? Cluster { get; set; }

    [JsonPropertyName("dnsType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DnsType { get; set; }

    [JsonPropertyName("lbHostname")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LbHostname { get; set; }

    [JsonPropertyName("nlbIPArray")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? NlbIpArray { get; set; }

    [JsonPropertyName("nlbSubdomain")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NlbSubdomain { get; set; }

    [JsonPropertyName("secretNamespace")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SecretNamespace { get; set; }

    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; set; }

    /// <summary>Present in bluemix-go's <c>ExtendedNlbVPCConfig</c>.</summary>
    [JsonPropertyName("nlbMonitorState")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NlbMonitorState { get; set; }
}

/// <summary>A VPC element of <c>getNlbDNSList</c>: <c>{"Nlb":{...},"secretName","secretStatus"}</c> (capital <c>Nlb</c> is real).</summary>
internal sealed class NlbVpcListEntry
{
    [JsonPropertyName("Nlb")]
    public NlbVpcConfig? Nlb { get; set; }

    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }

    [JsonPropertyName("secretStatus")]
    public string? SecretStatus { get; set; }
}

/// <summary>Body of <c>regenerateCert</c> and <c>deleteSecret</c>.</summary>
internal sealed class SubdomainRequest
{
    [JsonPropertyName("cluster")]
    public string? Cluster { get; set; }

    [JsonPropertyName("subdomain")]
    public string? Subdomain { get; set; }
}
