namespace Dashboard.Core.Ibm;

/// <summary>What IKS says about a cluster (v2 <c>getCluster</c>), reduced to what the dashboard uses.</summary>
/// <param name="Id">The cluster ID.</param>
/// <param name="Name">The cluster name.</param>
/// <param name="Region">The region, e.g. <c>us-south</c>.</param>
/// <param name="Provider">IKS <c>provider</c> verbatim, e.g. <c>classic</c> or <c>vpc-gen2</c>.</param>
/// <param name="Type">Classic or VPC, derived from <paramref name="Provider"/>.</param>
/// <param name="State">IKS <c>state</c>, e.g. <c>normal</c>, <c>deploying</c>, <c>warning</c>.</param>
/// <param name="IngressHostname">The ALB's Ingress subdomain (<c>ingress.hostname</c>); null while IKS is still provisioning it.</param>
/// <param name="IngressSecretName">The Ingress secret's name (<c>ingress.secretName</c>); null while provisioning.</param>
public sealed record ClusterInfo(
    string Id,
    string Name,
    string Region,
    string Provider,
    ClusterType Type,
    string State,
    string? IngressHostname,
    string? IngressSecretName)
{
    /// <summary><c>ingress.status</c>, e.g. <c>healthy</c>.</summary>
    public string? IngressStatus { get; init; }

    /// <summary><c>ingress.message</c>, e.g. <c>All Ingress components are healthy.</c></summary>
    public string? IngressMessage { get; init; }

    /// <summary>IKS <c>type</c>: <c>kubernetes</c> or <c>openshift</c>.</summary>
    public string? Distribution { get; init; }

    /// <summary>The master's Kubernetes version.</summary>
    public string? MasterKubeVersion { get; init; }
}
