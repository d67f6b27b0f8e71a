using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Sandbox.Iks.Catalog;
using Dashboard.Sandbox.Iks.State;
using Dashboard.Sandbox.Networking;

namespace Dashboard.Sandbox.Iks;

/// <summary>
/// The public DNS of <c>containers.appdomain.cloud</c> as IKS keeps it: every cluster's Ingress subdomain (to the ALB's
/// public IPs), every nlb-dns subdomain (to its registered IPs), each with its <c>*.</c> wildcard. VPC subdomains point
/// at a load balancer host name; IBM's DNS CNAMEs them there. Here a VPC load balancer host name resolves to a stable
/// address derived from the name (in 150.240.0.0/16), and the subdomain and its wildcard resolve to that address too.
/// Subdomains without addresses (all IPs removed) do not resolve.
/// </summary>
internal sealed class SandboxIksDns(IksCatalog catalog, IksRegistry registry) : ISandboxDns
{
    private readonly Lock _gate = new();
    private long _generation = -1;
    private IReadOnlyList<SandboxDnsRecord> _records = [];
    private Dictionary<string, IReadOnlyList<IPAddress>> _byName = [];

    public IReadOnlyList<SandboxDnsRecord> Records => Snapshot().Records;

    public IReadOnlyList<IPAddress> Resolve(string host)
    {
        var name = host.Trim().TrimEnd('.').ToLowerInvariant();
        var byName = Snapshot().ByName;
        if (byName.TryGetValue(name, out var exact))
        {
            return exact;
        }

        // DNS wildcards match any name below them that has no record of its own; the closest one wins.
        for (var dot = name.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = name.IndexOf('.', dot + 1))
        {
            if (byName.TryGetValue("*" + name[dot..], out var wildcard))
            {
                return wildcard;
            }
        }

        return [];
    }

    /// <summary>The address a VPC load balancer host name resolves to in the sandbox.</summary>
    public static IPAddress VpcLoadBalancerAddress(string hostname)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(hostname.ToLowerInvariant()));
        return new IPAddress([150, 240, hash[0], (byte)Math.Max(1, (int)hash[1])]);
    }

    private (IReadOnlyList<SandboxDnsRecord> Records, Dictionary<string, IReadOnlyList<IPAddress>> ByName) Snapshot()
    {
        lock (_gate)
        {
            if (_generation != registry.Generation)
            {
                _generation = registry.Generation;
                _records = Build();
                _byName = _records.GroupBy(r => r.Host).ToDictionary(g => g.Key, g => (IReadOnlyList<IPAddress>)[.. g.SelectMany(r => r.Addresses).Distinct()], StringComparer.Ordinal);
            }

            return (_records, _byName);
        }
    }

    private List<SandboxDnsRecord> Build()
    {
        var records = new List<SandboxDnsRecord>();
        foreach (var r in registry.All())
        {
            var cluster = catalog.Clusters.First(c => c.Id == r.ClusterId);
            IReadOnlyList<IPAddress> addresses = cluster.IsVpc
                ? r.LbHostname is { } lb ? [VpcLoadBalancerAddress(lb)] : []
                : [.. r.Ips.Select(IPAddress.Parse)];
            if (addresses.Count == 0)
            {
                continue;
            }

            var host = r.Host.ToLowerInvariant();
            records.Add(new SandboxDnsRecord(host, addresses));
            records.Add(new SandboxDnsRecord("*." + host, addresses));
            if (r.LbHostname is { } hostname)
            {
                records.Add(new SandboxDnsRecord(hostname.ToLowerInvariant(), addresses));
            }
        }

        return records;
    }
}

/// <summary>The simulator's DNS as one stable object: empty while the simulator is stopped, live while it runs (so it can be injected before start).</summary>
internal sealed class SimulatorDns(Func<ISandboxDns?> current) : ISandboxDns
{
    public IReadOnlyList<SandboxDnsRecord> Records => current()?.Records ?? [];

    public IReadOnlyList<IPAddress> Resolve(string host) => current()?.Resolve(host) ?? [];
}
