using System.Collections.Concurrent;
using System.Net;
using Dashboard.Sandbox.DataPlane.Tls;
using Dashboard.Sandbox.Networking;

namespace Dashboard.Sandbox.Tests.DataPlane.Infrastructure;

/// <summary>
/// A small in-test public DNS standing in for the IKS simulator's: names (wildcards honoured) resolve to public IPs
/// that the data plane maps to loopback. Nothing here is ever dialled.
/// </summary>
internal sealed class TestDns : ISandboxDns
{
    private readonly ConcurrentDictionary<string, IPAddress> _records = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<SandboxDnsRecord> Records => [.. _records.Select(r => new SandboxDnsRecord(r.Key, [r.Value]))];

    public void Add(string host, string address) => _records[host] = IPAddress.Parse(address);

    public IReadOnlyList<IPAddress> Resolve(string host)
    {
        if (_records.TryGetValue(host, out var exact))
        {
            return [exact];
        }

        return [.. _records.Where(r => r.Key.StartsWith("*.", StringComparison.Ordinal) && HostNames.PatternMatches(r.Key, host)).Select(r => r.Value)];
    }
}
