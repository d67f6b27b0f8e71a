namespace Dashboard.Core.Ibm;

/// <summary>
/// The IKS operations the setup needs, each bound to the target's credential. Every call returns a typed result
/// instead of throwing for API failures; only cancellation by the caller throws. Reads and other idempotent calls are
/// retried on 429/5xx/network errors; registrations, regenerations and deletions through v2 POSTs are not.
/// </summary>
public interface IIksClient
{
    /// <summary>v2 <c>getCluster</c>: provider (classic/VPC), region, state and the Ingress subdomain and secret.</summary>
    Task<IksResult<ClusterInfo>> GetClusterAsync(IbmCredential credential, string cluster, CancellationToken cancellationToken = default);

    /// <summary>v2 <c>getNlbDNSList</c>: every subdomain of the cluster (the Ingress one included), from either list shape.</summary>
    Task<IksResult<IReadOnlyList<NlbDnsEntry>>> ListNlbDnsAsync(IbmCredential credential, string cluster, CancellationToken cancellationToken = default);

    /// <summary>Classic: registers a new subdomain for load balancer IPs (<c>nlb-dns create classic</c>); not retried automatically.</summary>
    Task<IksResult<NlbDnsEntry>> RegisterClassicNlbDnsAsync(IbmCredential credential, string cluster, IReadOnlyList<string> ips, string? secretNamespace = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// VPC: registers a new subdomain for a load balancer host name (<c>nlb-dns create vpc-gen2</c>); not retried
    /// automatically. IKS's answer carries no certificate status (<see cref="NlbDnsEntry.SecretStatus"/> is null and
    /// the secret name follows the first-label convention): poll <see cref="ListNlbDnsAsync"/> for it.
    /// </summary>
    Task<IksResult<NlbDnsEntry>> RegisterVpcNlbDnsAsync(IbmCredential credential, string cluster, string lbHostname, string? secretNamespace = null, CancellationToken cancellationToken = default);

    /// <summary>Classic: adds IPs to an existing subdomain (<c>nlb-dns add</c>).</summary>
    Task<IksResult> AddNlbDnsIpsAsync(IbmCredential credential, string cluster, string nlbHost, IReadOnlyList<string> ips, CancellationToken cancellationToken = default);

    /// <summary>Classic: removes one IP from a subdomain (<c>nlb-dns rm classic</c>); the subdomain itself stays.</summary>
    Task<IksResult> RemoveNlbDnsIpAsync(IbmCredential credential, string cluster, string nlbHost, string ip, CancellationToken cancellationToken = default);

    /// <summary>VPC: removes a subdomain's load balancer host name registration (<c>nlb-dns rm vpc-gen2</c>).</summary>
    Task<IksResult> RemoveVpcNlbDnsAsync(IbmCredential credential, string cluster, string nlbSubdomain, CancellationToken cancellationToken = default);

    /// <summary>Asks IKS to issue a new certificate for a subdomain (<c>nlb-dns secret regenerate</c>; IBM allows about 5 a day).</summary>
    Task<IksResult> RegenerateCertificateAsync(IbmCredential credential, string cluster, string subdomain, CancellationToken cancellationToken = default);

    /// <summary>Deletes a subdomain's certificate secret and stops its renewal (<c>nlb-dns secret rm</c>).</summary>
    Task<IksResult> DeleteSecretAsync(IbmCredential credential, string cluster, string subdomain, CancellationToken cancellationToken = default);
}
