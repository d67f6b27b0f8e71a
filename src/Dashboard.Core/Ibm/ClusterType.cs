namespace Dashboard.Core.Ibm;

/// <summary>The infrastructure an IKS cluster runs on; it decides how nlb-dns registrations are made.</summary>
public enum ClusterType
{
    /// <summary>Classic infrastructure: nlb-dns subdomains are registered by load balancer IP.</summary>
    Classic,

    /// <summary>VPC infrastructure: nlb-dns subdomains are registered by load balancer host name.</summary>
    Vpc,

    /// <summary>A provider the dashboard does not know (e.g. Satellite); setup cannot register nlb-dns for it.</summary>
    Unknown,
}
