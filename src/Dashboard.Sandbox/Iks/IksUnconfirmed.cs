namespace Dashboard.Sandbox.Iks;

/// <summary>
/// Every simulator behaviour that iks-api.md marks UNCONFIRMED (or IBM does not document), decided in one place.
/// The switches below are the behavioural choices; the choices that are data sit next to the code that uses them
/// and are listed here so this stays the one index of them:
/// <list type="bullet">
/// <item><description>
/// <c>Api/IamEndpoint.cs</c>: an unsupported <c>grant_type</c> answers 400 <c>BXNIM0104E</c> and an IAM outage
/// (the <c>iamOutage</c> fault) 503 <c>BXNIM0503E</c>; neither code is documented (only <c>BXNIM0415E</c> for an unknown
/// key and <c>BXNIM0109E</c> for a missing property are seen in real responses). The token response's
/// <c>refresh_token</c> is the literal <c>"not_supported"</c>: real IAM returns an opaque token that, for the default
/// client, cannot be used to refresh (so clients must exchange the API key again), and its lifetime is UNCONFIRMED.
/// </description></item>
/// <item><description>
/// <c>State/IksRegistry.Mutations.cs</c>: <c>MaxCounter = 99</c>, the simulator's limit of nlb-dns subdomains per
/// cluster. IBM documents "up to 128" (raisable by support), but how the host name's <c>00NN</c> counter is spelled
/// above 99 is not documented, so the simulator stops at the last two-digit counter with a 409 (<c>E0087</c>).
/// </description></item>
/// <item><description>
/// <c>Catalog/IksHostNames.cs</c>: the cluster-name truncation edge (IBM's rules overlap at 26 characters: kept up to
/// 25, cut to 24 from 26), the shortened stem plus six characters for a name that already exists in the region (IBM
/// uses six random characters; derived from the cluster ID here so restarts keep the names), and the account's
/// 32-hex DNS hash (IBM's is opaque; derived from the account ID here).
/// </description></item>
/// <item><description>
/// <c>Api/IksErrorCatalog.cs</c>: every IKS error code, type and status except the recorded <c>G0004</c> (404),
/// <c>A0003</c> (401) and <c>E0024</c> (404): the 403 <c>A0006</c>, the validation errors' codes and 400 statuses,
/// conflicts, limits and the injected 429/5xx bodies are chosen to look like IKS's.
/// </description></item>
/// <item><description>
/// <c>Api/NlbDnsHandlers.cs</c>: listing nlb-dns needs the Viewer role (IAM action <c>containers-kubernetes.cluster.read</c>,
/// per iks-api.md's IAM action table) although its CLI reference says <c>nlb-dns ls</c> needs Editor; the client's
/// counterpart is <c>Dashboard.Core.Ibm.IksConventions.ViewerRole</c>.
/// </description></item>
/// </list>
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
