namespace Dashboard.Core.Ibm;

/// <summary>
/// The IKS behaviours that <c>iks-api.md</c> marks UNCONFIRMED or only infers, decided in one place so they are easy
/// to revisit: which <c>provider</c> values mean VPC, how a secret name follows from a subdomain, which subdomain is
/// the Ingress one, and which calls are safe to retry.
/// </summary>
public static class IksConventions
{
    /// <summary>The role the nlb-dns calls need (CLI reference: Editor for create/ls/add/rm/secret).</summary>
    public const string EditorRole = "Editor";

    /// <summary>The role reading a cluster needs (IAM action <c>containers-kubernetes.cluster.read</c>).</summary>
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
