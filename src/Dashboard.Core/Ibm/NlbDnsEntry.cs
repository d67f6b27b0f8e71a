namespace Dashboard.Core.Ibm;

/// <summary>
/// One nlb-dns subdomain, normalised from both list shapes (the flat classic <c>NlbConfig</c> and the
/// <c>"Nlb"</c>-wrapped VPC shape).
/// </summary>
/// <param name="Host">The subdomain, e.g. <c>mycluster-&lt;hash&gt;-0001.us-south.containers.appdomain.cloud</c>.</param>
/// <param name="Ips">The load balancer IPs it resolves to (classic); empty for VPC.</param>
/// <param name="LbHostname">The VPC load balancer host name it points to; null for classic.</param>
/// <param name="SecretName">The certificate secret's name (the subdomain's first label).</param>
/// <param name="SecretStatus">IKS's certificate status verbatim: see <see cref="NlbSecretStatus"/>.</param>
/// <param name="SecretNamespace">The namespace IKS writes the secret into (<c>default</c> unless set at registration).</param>
/// <param name="ClusterType">Which shape the entry came in: classic (flat) or VPC (wrapped).</param>
public sealed record NlbDnsEntry(
    string Host,
    IReadOnlyList<string> Ips,
    string? LbHostname,
    string? SecretName,
    string? SecretStatus,
    string? SecretNamespace,
    ClusterType ClusterType)
{
    /// <summary><c>public</c> or <c>private</c> (IKS <c>nlbType</c>/<c>type</c>).</summary>
    public string? Type { get; init; }

    /// <summary>The DNS provider type (IKS <c>nlbDnsType</c>/<c>dnsType</c>), usually <c>public</c>.</summary>
    public string? DnsType { get; init; }

    /// <summary>The health monitor state (<c>nlbMonitorState</c>), e.g. <c>None</c> or <c>enabled</c>.</summary>
    public string? MonitorState { get; init; }

    /// <summary>True for the cluster's own Ingress subdomain (<c>-0000</c>), which is not an nlb-dns registration.</summary>
    public bool IsIngressSubdomain => IksConventions.IsIngressSubdomain(Host);

    /// <summary>The certificate secret's name: as IKS reports it, or derived from the subdomain when it does not.</summary>
    public string CertificateSecretName => SecretName ?? IksConventions.SecretNameFor(Host);

    /// <summary>The namespace of the certificate secret (IKS's <c>default</c> unless set at registration).</summary>
    public string CertificateSecretNamespace => SecretNamespace ?? "default";

    /// <summary>True once IKS reports the certificate secret as <c>created</c>.</summary>
    public bool IsCertificateReady => string.Equals(SecretStatus, NlbSecretStatus.Created, StringComparison.Ordinal);
}

/// <summary>The certificate statuses IKS reports for an nlb-dns subdomain (<c>nlbSslSecretStatus</c> / <c>secretStatus</c>).</summary>
public static class NlbSecretStatus
{
    /// <summary>The certificate is being requested (also stuck here when the secret namespace does not exist).</summary>
    public const string Creating = "creating";

    /// <summary>The certificate secret exists.</summary>
    public const string Created = "created";

    /// <summary>A regeneration was requested and is in progress.</summary>
    public const string Regenerating = "regenerating";

    /// <summary>Let's Encrypt refused to issue (too many requests); IKS retries after 7 days.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The secret was deleted (<c>nlb-dns secret rm</c>) and will not be renewed.</summary>
    public const string Deleted = "deleted";
}
