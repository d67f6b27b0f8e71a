using System.Net;
using Dashboard.Sandbox.Networking;

namespace Dashboard.Sandbox.DataPlane;

/// <summary>
/// Maps public names to the data plane's listeners the way traffic reaches them on a real cluster: the name resolves
/// (through the sandbox DNS) to the gateway's LoadBalancer IP or the ALB's IP (on VPC: the address their load balancer
/// host names resolve to), and that address on port 443 is served by the gateway or the ALB listener.
/// </summary>
internal sealed class DataPlaneEndpointMap(SandboxDataPlane plane, ISandboxDns? dns) : ISandboxEndpointMap
{
    public const int PublicPort = 443;

    public IPEndPoint? Resolve(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (port != PublicPort)
        {
            return null;
        }

        IReadOnlyList<IPAddress> addresses = IPAddress.TryParse(host, out var literal) ? [literal] : dns?.Resolve(host) ?? [];
        return addresses.Select(ListenerFor).FirstOrDefault(e => e is not null);
    }

    /// <summary>The listener behind a public address, or null. On VPC the load balancers have host names; their addresses come from the DNS.</summary>
    public IPEndPoint? ListenerFor(IPAddress address) =>
        Equals(address, plane.GatewayPublicAddress) || ResolvesTo(plane.GatewayPublicHostname, address) ? plane.GatewayEndpoint
        : Equals(address, plane.AlbPublicAddress) || ResolvesTo(plane.AlbPublicHostname, address) ? plane.AlbEndpoint
        : null;

    private bool ResolvesTo(string? hostname, IPAddress address) => hostname is not null && dns is not null && dns.Resolve(hostname).Contains(address);

    /// <summary>The sandbox DNS, when one was given.</summary>
    public ISandboxDns? Dns => dns;
}
