using System.Text.Json;
using Dashboard.Sandbox.DataPlane.Tls;
using Dashboard.Sandbox.DataPlane.Watching;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.DataPlane.Gateway;

/// <summary>
/// Turns the cluster's Gateways and VirtualServices into the gateway's configuration, as istiod does for the
/// <c>istio-ingressgateway</c> proxy: Gateways of any namespace whose selector matches the gateway pods' labels,
/// their HTTPS servers on the gateway's port (oldest Gateway first), and per server the routes of the
/// VirtualServices bound to that Gateway whose hosts intersect the server's hosts. Call from one thread.
/// </summary>
internal sealed class GatewayConfigBuilder(
    SandboxDataPlaneOptions options, GatewayWorkload workload, GatewayCredentials credentials, UpstreamResolver upstreams, ILogger logger)
{
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public GatewayConfig Build(ClusterSnapshot snapshot, DataPlaneIstioProfile profile)
    {
        var generation = workload.Generation;
        workload.Observe(snapshot);
        if (workload.Generation != generation)
        {
            credentials.Reset();
        }

        if (!workload.Ready)
        {
            return new GatewayConfig([], false, $"no Ready pod matches {options.GatewayPodSelector} in {options.GatewayNamespace}: connections are dropped");
        }

        var gateways = snapshot.Gateways.Values
            .Where(g => Labels.Match(g.Spec.Map("selector"), workload.WorkloadLabels))
            .OrderBy(g => g.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(g => g.Metadata.NamespaceProperty + "/" + g.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        var servers = new List<GatewayServer>();
        foreach (var gateway in gateways)
        {
            var index = 0;
            foreach (var server in gateway.Spec.Items("servers"))
            {
                var built = BuildServer(gateway, server, index++, snapshot, profile);
                if (built is not null)
                {
                    servers.Add(built);
                }
            }
        }

        foreach (var broken in servers.Where(s => s.Problem is not null))
        {
            Report($"{broken.Gateway}#{broken.Index}|{broken.Problem}", () => DataPlaneLog.GatewayServerBroken(
                logger, broken.Gateway, broken.Index, broken.Problem));
        }

        return new GatewayConfig(servers, true, $"generation {workload.Generation}, {servers.Count} HTTPS server(s) on port {options.GatewayServerPort}");
    }

    private GatewayServer? BuildServer(IstioObject gateway, JsonElement server, int index, ClusterSnapshot snapshot, DataPlaneIstioProfile profile)
    {
        var name = $"{gateway.Metadata.NamespaceProperty}/{gateway.Metadata.Name}";
        var port = server.Get("port");
        if (port?.Int("number") != options.GatewayServerPort)
        {
            return null;
        }

        var protocol = port?.Str("protocol")?.ToUpperInvariant();
        if (protocol != "HTTPS")
        {
            Report($"{name}#{index}|protocol", () => DataPlaneLog.GatewayProtocolIgnored(
                logger, name, index, protocol, options.GatewayServerPort));
            return null;
        }

        var hosts = server.Strings("hosts").Select(h => ParseHost(h, gateway.Metadata.NamespaceProperty)).ToList();
        var tls = server.Get("tls") ?? default;
        var mode = tls.Str("mode") switch
        {
            "SIMPLE" => GatewayTlsMode.Simple,
            "MUTUAL" => GatewayTlsMode.Mutual,
            "OPTIONAL_MUTUAL" => GatewayTlsMode.OptionalMutual,
            "ISTIO_MUTUAL" => GatewayTlsMode.IstioMutual,
            _ => GatewayTlsMode.Unsupported,
        };
        var needsCa = mode is GatewayTlsMode.Mutual or GatewayTlsMode.OptionalMutual;
        var resolution = mode switch
        {
            GatewayTlsMode.Unsupported => new CredentialResolution(null, null, $"tls.mode {tls.Str("mode") ?? "(unset: PASSTHROUGH)"} is not terminated by the sandbox gateway", null),
            GatewayTlsMode.IstioMutual => new CredentialResolution(null, null, "ISTIO_MUTUAL expects mesh (SPIFFE) client certificates, which no client outside the mesh holds", null),
            _ when tls.Str("credentialName") is { Length: > 0 } credentialName => profile == DataPlaneIstioProfile.Legacy
                ? new CredentialResolution(null, null, $"credentialName {credentialName} needs gateway SDS, which Istio 1.4 leaves disabled; use the file-mounted istio-ingressgateway-certs secret", null)
                : credentials.FromCredentialName(credentialName, tls.Str("caCertCredentialName"), needsCa, snapshot),
            _ => credentials.FromFiles(tls.Str("serverCertificate"), tls.Str("privateKey"), tls.Str("caCertificates"), needsCa, profile == DataPlaneIstioProfile.Current, snapshot),
        };
        return new GatewayServer(name, index, hosts, mode, resolution.Credential, resolution.ClientCa, resolution.Problem, resolution.Notice, Routes(gateway, hosts, snapshot));
    }

    private List<VirtualHostRoutes> Routes(IstioObject gateway, IReadOnlyList<ServerHost> hosts, ClusterSnapshot snapshot)
    {
        var gatewayKey = $"{gateway.Metadata.NamespaceProperty}/{gateway.Metadata.Name}";
        var domains = new Dictionary<string, List<HttpRouteRule>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        var bound = snapshot.VirtualServices.Values
            .Where(vs => vs.Spec.Strings("gateways").Any(g => g != "mesh" && (g.Contains('/', StringComparison.Ordinal) ? g : vs.Metadata.NamespaceProperty + "/" + g) == gatewayKey))
            .OrderBy(vs => vs.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(vs => vs.Metadata.NamespaceProperty + "/" + vs.Metadata.Name, StringComparer.Ordinal);
        foreach (var vs in bound)
        {
            var ns = vs.Metadata.NamespaceProperty;
            var rules = VirtualServiceParser.Parse(vs, (host, port) => upstreams.Resolve(host, port, ns, snapshot));
            var vsDomains = vs.Spec.Strings("hosts")
                .Select(h => h == "*" || h.Contains('.', StringComparison.Ordinal) ? h : $"{h}.{ns}.svc.{options.ClusterDomain}")
                .SelectMany(vh => hosts.Where(sh => sh.Admits(ns)).Select(sh => Intersect(vh, sh.Host)))
                .OfType<string>()
                .Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var domain in vsDomains)
            {
                if (!domains.TryGetValue(domain, out var list))
                {
                    domains[domain] = list = [];
                    order.Add(domain);
                }

                list.AddRange(rules);
            }
        }

        return [.. order.Select(d => new VirtualHostRoutes(d, domains[d]))];
    }

    /// <summary>The host both patterns admit (the more specific one), or null.</summary>
    internal static string? Intersect(string a, string b)
    {
        if (a == "*")
        {
            return b;
        }

        if (b == "*")
        {
            return a;
        }

        var aWild = a.StartsWith("*.", StringComparison.Ordinal);
        var bWild = b.StartsWith("*.", StringComparison.Ordinal);
        return (aWild, bWild) switch
        {
            (false, false) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase) ? a : null,
            (true, false) => HostNames.PatternMatches(a, b) ? b : null,
            (false, true) => HostNames.PatternMatches(b, a) ? a : null,
            _ => a.EndsWith(b[1..], StringComparison.OrdinalIgnoreCase) ? a : b.EndsWith(a[1..], StringComparison.OrdinalIgnoreCase) ? b : null,
        };
    }

    private static ServerHost ParseHost(string host, string gatewayNamespace)
    {
        var slash = host.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return new ServerHost("*", host.ToLowerInvariant());
        }

        var ns = host[..slash];
        return new ServerHost(ns == "." ? gatewayNamespace : ns, host[(slash + 1)..].ToLowerInvariant());
    }

    private void Report(string key, Action log)
    {
        if (_reported.Add(key))
        {
            log();
        }

        if (_reported.Count > 1000)
        {
            _reported.Clear();
        }
    }
}
