using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Iks.Catalog;
using Dashboard.Sandbox.Iks.State;

namespace Dashboard.Sandbox.Iks.Api;

/// <summary>The IKS response shapes, field names and order as IBM's API returns them (iks-api.md).</summary>
internal static class IksJson
{
    /// <summary>The classic <c>NlbConfig</c> as real responses carry it, with the stringified <c>nlbIP</c> next to <c>nlbIPArray</c>.</summary>
    public static JsonObject NlbConfig(RegistrationView r) => new()
    {
        ["clusterID"] = r.ClusterId,
        ["nlbIP"] = JsonSerializer.Serialize(r.Ips),
        ["nlbIPArray"] = Strings(r.Ips),
        ["nlbType"] = r.Type,
        ["nlbHost"] = r.Host,
        ["secretNamespace"] = r.SecretNamespace,
        ["nlbMonitorState"] = r.MonitorState,
        ["nlbSslSecretName"] = r.SecretName,
        ["nlbSslSecretStatus"] = r.Status,
        ["nlbDnsType"] = r.DnsType,
    };

    /// <summary><c>NlbVPCConfig</c>: the create response and the <c>"Nlb"</c> object of list entries.</summary>
    public static JsonObject NlbVpcConfig(RegistrationView r, bool withIps)
    {
        var json = new JsonObject
        {
            ["cluster"] = r.ClusterId,
            ["dnsType"] = r.DnsType,
            ["lbHostname"] = r.LbHostname,
        };
        if (withIps)
        {
            json["nlbIPArray"] = Strings(r.Ips);
        }

        json["nlbSubdomain"] = r.Host;
        json["secretNamespace"] = r.SecretNamespace;
        json["type"] = r.Type;
        return json;
    }

    /// <summary>v2 <c>getNlbDNSList</c>: flat <c>NlbConfig</c> for classic clusters, <c>{"Nlb":{...},"secretName","secretStatus"}</c> for VPC.</summary>
    public static JsonArray NlbDnsList(IksCluster cluster, IEnumerable<RegistrationView> registrations) =>
        new([.. registrations.Select(r => cluster.IsVpc
            ? (JsonNode)new JsonObject { ["Nlb"] = NlbVpcConfig(r, withIps: true), ["secretName"] = r.SecretName, ["secretStatus"] = r.Status }
            : NlbConfig(r))]);

    /// <summary>v1 <c>ClusterNlbHostsList</c>.</summary>
    public static JsonObject ClusterNlbHostsList(IksCluster cluster, IEnumerable<RegistrationView> registrations) => new()
    {
        ["clusterid"] = cluster.Id,
        ["nlbHealthCheckConfigs"] = new JsonArray(),
        ["nlbHealthCheckStatus"] = new JsonArray(),
        ["nlbs"] = new JsonArray([.. registrations.Select(r => (JsonNode)NlbConfig(r))]),
    };

    /// <summary>v2 <c>GetClusterResponse</c> (the subset of its documented keys the sandbox can fill meaningfully).</summary>
    public static JsonObject ClusterV2(IksCluster cluster, IksAccount account, RegistrationView? ingress) => new()
    {
        ["id"] = cluster.Id,
        ["name"] = cluster.Name,
        ["region"] = cluster.Region,
        ["provider"] = cluster.Provider,
        ["type"] = "kubernetes",
        ["state"] = "normal",
        ["status"] = "All Workers Normal",
        ["location"] = Datacenter(cluster),
        ["datacenter"] = Datacenter(cluster),
        ["crn"] = $"crn:v1:bluemix:public:containers-kubernetes:{cluster.Region}:a/{account.Id}:{cluster.Id}::",
        ["createdDate"] = "2026-01-05T09:30:00+0000",
        ["masterKubeVersion"] = cluster.MasterKubeVersion,
        ["masterURL"] = $"https://c100.{cluster.Region}.containers.cloud.ibm.com:31234",
        ["multiAzCapable"] = true,
        ["resourceGroup"] = "sandboxresourcegroup00000000000",
        ["resourceGroupName"] = "default",
        ["workerCount"] = 3,
        ["workerZones"] = new JsonArray(cluster.IsVpc ? $"{cluster.Region}-1" : Datacenter(cluster)),
        ["podSubnet"] = "172.30.0.0/16",
        ["serviceSubnet"] = "172.21.0.0/16",
        ["ingress"] = new JsonObject
        {
            ["hostname"] = ingress?.Host ?? string.Empty,
            ["secretName"] = ingress?.SecretName ?? string.Empty,
            ["status"] = IngressStatus(ingress),
            ["message"] = IngressMessage(ingress),
        },
        ["lifecycle"] = new JsonObject
        {
            ["masterHealth"] = "normal",
            ["masterState"] = "deployed",
            ["masterStatus"] = "Ready",
            ["masterStatusModifiedDate"] = "2026-01-05T09:55:00+0000",
            ["modifiedDate"] = "2026-01-05T09:55:00+0000",
        },
        ["serviceEndpoints"] = new JsonObject
        {
            ["privateServiceEndpointEnabled"] = false,
            ["privateServiceEndpointURL"] = string.Empty,
            ["publicServiceEndpointEnabled"] = true,
            ["publicServiceEndpointURL"] = $"https://c100.{cluster.Region}.containers.cloud.ibm.com:31234",
        },
    };

    /// <summary>v1 <c>Cluster</c>: flat <c>ingressHostname</c>/<c>ingressSecretName</c>/<c>ingressStatus</c>/<c>ingressMessage</c>.</summary>
    public static JsonObject ClusterV1(IksCluster cluster, RegistrationView? ingress) => new()
    {
        ["id"] = cluster.Id,
        ["name"] = cluster.Name,
        ["region"] = cluster.Region,
        ["dataCenter"] = Datacenter(cluster),
        ["location"] = Datacenter(cluster),
        ["provider"] = cluster.Provider,
        ["type"] = "kubernetes",
        ["state"] = "normal",
        ["status"] = "All Workers Normal",
        ["masterKubeVersion"] = cluster.MasterKubeVersion,
        ["workerCount"] = 3,
        ["ingressHostname"] = ingress?.Host ?? string.Empty,
        ["ingressSecretName"] = ingress?.SecretName ?? string.Empty,
        ["ingressStatus"] = IngressStatus(ingress),
        ["ingressMessage"] = IngressMessage(ingress),
    };

    private static string IngressStatus(RegistrationView? ingress) => ingress?.Status == SecretStatus.Created ? "healthy" : "warning";

    private static string IngressMessage(RegistrationView? ingress) => ingress?.Status == SecretStatus.Created
        ? "All Ingress components are healthy."
        : "The Ingress subdomain's TLS secret is not ready yet.";

    private static string Datacenter(IksCluster cluster) => cluster.Region switch
    {
        "us-south" => "dal10",
        "us-east" => "wdc04",
        "eu-de" => "fra02",
        "eu-gb" => "lon04",
        _ => cluster.Region + "-1",
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
