using System.Globalization;
using System.Net;
using Dashboard.Sandbox.DataPlane.Alb;
using Dashboard.Sandbox.DataPlane.Gateway;

namespace Dashboard.Sandbox.DataPlane;

/// <summary>Builds <see cref="DataPlaneDescription"/> from the current state.</summary>
internal static class DataPlaneDescriber
{
    public static DataPlaneDescription Describe(SandboxDataPlane plane, DataPlaneEndpointMap map)
    {
        var state = plane.State;
        var gateway = new DataPlaneListenerInfo("gateway", state.GatewayPublicAddress?.ToString(), plane.GatewayEndpoint?.ToString(), state.Gateway.Status, state.GatewayGeneration, state.StaleMountedSecrets);
        var alb = new DataPlaneListenerInfo("alb", plane.AlbPublicAddress.ToString(), plane.AlbEndpoint?.ToString(), state.Alb.Status, 0, []);
        return new DataPlaneDescription(
            plane.IsRunning,
            state.IstioProfile.ToString(),
            state.AlbFlavour.ToString(),
            gateway,
            alb,
            Hosts(plane, map),
            [.. state.Gateway.Servers.Select(Server)],
            [.. state.Alb.Servers.SelectMany(s => s.Locations.Select(l => Route(s.Host, l)))]);
    }

    private static List<DataPlaneHost> Hosts(SandboxDataPlane plane, DataPlaneEndpointMap map)
    {
        var hosts = new List<DataPlaneHost>();
        foreach (var record in map.Dns?.Records ?? [])
        {
            foreach (var address in record.Addresses)
            {
                if (map.ListenerFor(address) is { } endpoint)
                {
                    hosts.Add(Host(record.Host, address, Role(plane, address), endpoint));
                }
            }
        }

        foreach (var address in new[] { plane.GatewayPublicAddress, plane.AlbPublicAddress }.OfType<IPAddress>())
        {
            if (map.ListenerFor(address) is { } endpoint)
            {
                hosts.Add(Host(address.ToString(), address, Role(plane, address), endpoint));
            }
        }

        return hosts;
    }

    private static string Role(SandboxDataPlane plane, IPAddress address) => Equals(address, plane.GatewayPublicAddress) ? "gateway" : "alb";

    private static DataPlaneHost Host(string host, IPAddress address, string role, IPEndPoint endpoint)
    {
        var example = host.StartsWith("*.", StringComparison.Ordinal) ? "httpbin" + host[1..] : host;
        var port = endpoint.Port.ToString(CultureInfo.InvariantCulture);
        return new DataPlaneHost(
            host,
            address.ToString(),
            role,
            endpoint.ToString(),
            $"--resolve {example}:{port}:{endpoint.Address}",
            $"--connect-to {example}:443:{endpoint.Address}:{port}",
            $"https://{example}/status/418");
    }

    private static GatewayServerInfo Server(GatewayServer server) => new(
        server.Gateway,
        server.Index,
        [.. server.Hosts.Select(h => h.Namespace == "*" ? h.Host : $"{h.Namespace}/{h.Host}")],
        server.Mode.ToString(),
        server.Credential?.Leaf.Subject,
        server.Credential?.Sha256,
        server.Credential?.Leaf.NotAfter.ToUniversalTime() is { } notAfter ? new DateTimeOffset(notAfter, TimeSpan.Zero) : null,
        server.Credential?.Source,
        server.ClientCa?.Source,
        server.Problem,
        server.Notice,
        [.. server.Routes.Select(v => $"{v.Domain} → {string.Join(", ", v.Routes.Select(r => r.VirtualService).Distinct())}")]);

    private static AlbRouteInfo Route(string host, AlbLocation location) => new(
        host,
        location.Path,
        location.Kind.ToString(),
        location.Backend.Ingress,
        location.Backend.Service,
        location.Backend.Tls?.Description ?? "plain HTTP",
        location.Backend.Denied ?? (location.Backend.Kind == BackendKind.Gateway ? null : location.Backend.Detail));
}
