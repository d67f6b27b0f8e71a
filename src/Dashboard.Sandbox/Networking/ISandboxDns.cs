using System.Net;

namespace Dashboard.Sandbox.Networking;

/// <summary>
/// The sandbox's public DNS: what <c>*.containers.appdomain.cloud</c> names resolve to. The IKS simulator owns the
/// records (the cluster's Ingress subdomain and every nlb-dns registration, each with its wildcard), exactly as IBM's
/// DNS does for real clusters.
/// </summary>
public interface ISandboxDns
{
    /// <summary>The addresses a host name resolves to (wildcards honoured); empty when the name does not exist.</summary>
    IReadOnlyList<IPAddress> Resolve(string host);

    /// <summary>Every record, for display (e.g. <c>GET /api/sandbox</c>) and <c>curl --resolve</c> hints.</summary>
    IReadOnlyList<SandboxDnsRecord> Records { get; }
}

/// <summary>One DNS name and its addresses; <paramref name="Host"/> may start with <c>*.</c>.</summary>
public sealed record SandboxDnsRecord(string Host, IReadOnlyList<IPAddress> Addresses);

/// <summary>
/// Where a public address of the sandbox really listens: the data plane maps the gateway's and the ALB's load
/// balancer IPs to its loopback listeners, so a probe (or <c>curl --resolve</c>) reaches them.
/// </summary>
public interface ISandboxEndpointMap
{
    /// <summary>The loopback endpoint serving <paramref name="host"/> on <paramref name="port"/>, or null when nothing answers there.</summary>
    IPEndPoint? Resolve(string host, int port);
}
