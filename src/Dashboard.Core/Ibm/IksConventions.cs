namespace Dashboard.Core.Ibm;

/// <summary>
/// The IKS behaviours that <c>iks-api.md</c> marks UNCONFIRMED or only infers, decided in one place so they are easy
/// to revisit: which <c>provider</c> values mean VPC, how a secret name follows from a subdomain, which subdomain is
/// the Ingress one, and which calls are safe to retry.
/// </summary>
public static class IksConventions
{
    /// <summary>The role the nlb-dns changes need (IAM action <c>containers-kubernetes.cluster.update</c>; CLI reference: Editor for create/add/rm/secret).</summary>
    public const string EditorRole = "Editor";

    /// <summary>
    /// The role the reads need, named in their 403 messages: <c>getCluster</c> and <c>getNlbDNSList</c>, both IAM action
    /// <c>containers-kubernetes.cluster.read</c>, which the Viewer platform role grants.
    /// </summary>
    /// <remarks>
    /// UNCONFIRMED for <c>getNlbDNSList</c>: iks-api.md's IAM action table (DOC-APIIAM) lists every nlb-dns list/get as
    /// <c>containers-kubernetes.cluster.read</c> (a Viewer action), but its CLI reference (DOC-CLI) says
    /// <c>ibmcloud ks nlb-dns ls</c> needs Editor (and only <c>nlb-dns get</c> Viewer). The reference does not say the API
    /// call itself demands Editor, so Viewer is kept, as the IAM action implies; if IKS turns out to answer 403 to a Viewer
    /// for the list, change the role passed for <c>ListNlbDnsAsync</c> in IksClient.cs (and the sandbox's
    /// <c>NlbDnsHandlers.ListV1</c>/<c>ListV2</c>, see <c>IksUnconfirmed</c>).
    /// </remarks>
    public const string ViewerRole = "Viewer";

    /// <summary>
    /// Classic or VPC from v2 <c>getCluster</c>'s <c>provider</c>. Documented values are <c>classic</c> and
    /// <c>vpc-gen2</c> (older: <c>vpc-classic</c>); anything else (e.g. <c>satellite</c>) is <see cref="ClusterType.Unknown"/>.
    /// </summary>
    public static ClusterType ClusterTypeFromProvider(string? provider) => provider?.Trim().ToLowerInvariant() switch
    {
        "classic" => ClusterType.Classic,
        { } p when p.StartsWith("vpc", StringComparison.Ordinal) => ClusterType.Vpc,
        _ => ClusterType.Unknown,
    };

    /// <summary>The certificate secret's name for a subdomain: its first DNS label (observed in every real example).</summary>
    public static string SecretNameFor(string subdomain)
    {
        ArgumentException.ThrowIfNullOrEmpty(subdomain);
        var dot = subdomain.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? subdomain : subdomain[..dot];
    }

    /// <summary>True for a cluster's own Ingress subdomain: its first label ends in <c>-0000</c>.</summary>
    public static bool IsIngressSubdomain(string? subdomain) =>
        !string.IsNullOrEmpty(subdomain) && SecretNameFor(subdomain).EndsWith("-0000", StringComparison.Ordinal);
}
