namespace Dashboard.Sandbox.Iks;

/// <summary>
/// Every simulator behaviour that iks-api.md marks UNCONFIRMED (or IBM does not document), decided in one place.
/// Error codes and statuses of undocumented errors live in <c>Api/IksErrorCatalog.cs</c>; the cluster-name
/// truncation edge (26 characters) in <c>Catalog/IksHostNames.cs</c>.
/// </summary>
internal static class IksUnconfirmed
{
    /// <summary>The Kubernetes type of IKS certificate secrets: the 2020 export shows <c>Opaque</c> (not <c>kubernetes.io/tls</c>).</summary>
    public const string SecretType = "Opaque";

    /// <summary><c>tls.crt</c> holds the leaf and its intermediate (blog file sizes suggest a chain), not the leaf alone.</summary>
    public static bool TlsCrtIncludesIntermediate => true;

    /// <summary>Removing a VPC subdomain (<c>removeLBHostname</c>) also deletes its certificate secret.</summary>
    public static bool RemovingVpcSubdomainDeletesSecret => true;

    /// <summary><c>/v2/vpc/getCluster</c> and <c>/v2/classic/getCluster</c> answer 404 for a cluster of the other provider.</summary>
    public static bool ProviderSpecificGetClusterHidesOtherProvider => true;

    /// <summary>The v1 list (<c>/v1/nlb-dns/clusters/{c}/list</c>) is classic only; VPC clusters get a 400 there.</summary>
    public const bool V1ListIsClassicOnly = true;

    /// <summary>An IP (or VPC load balancer host name) can belong to one subdomain of a cluster; a second registration is a 409.</summary>
    public static bool OneSubdomainPerAddress => true;

    /// <summary>
    /// Over the regenerate limit (IBM: "5 times per day"), the request is still accepted (202) and the certificate turns
    /// <c>rate_limited</c> (Let's Encrypt refusing asynchronously), retried after <see cref="SandboxIksOptions.RateLimitBackoff"/>.
    /// </summary>
    public static bool RegenerateLimitIsAsynchronous => true;

    /// <summary>The cluster's own Ingress subdomain is listed by <c>getNlbDNSList</c> (real output shows the <c>-0000</c> entry) with monitor state <c>enabled</c>.</summary>
    public const string IngressMonitorState = "enabled";
}
