using Dashboard.Sandbox.DataPlane.Tls;

namespace Dashboard.Sandbox.DataPlane.Gateway;

/// <summary>Istio's <c>ServerTLSSettings.mode</c>.</summary>
internal enum GatewayTlsMode
{
    Simple,
    Mutual,
    OptionalMutual,
    IstioMutual,
    Unsupported,
}

/// <summary>A Gateway server host: <c>[namespace/]dnsName</c>; the namespace part limits which VirtualServices may bind.</summary>
/// <param name="Namespace"><c>*</c> for any namespace, otherwise the one namespace allowed.</param>
/// <param name="Host">The DNS name or pattern.</param>
internal sealed record ServerHost(string Namespace, string Host)
{
    public bool Admits(string virtualServiceNamespace) => Namespace == "*" || Namespace == virtualServiceNamespace;
}

/// <summary>One Gateway server on the gateway's HTTPS port: Envoy's filter chain for its hosts, and its routes.</summary>
/// <param name="Gateway">The Gateway, <c>namespace/name</c>.</param>
/// <param name="Index">The server's position in the Gateway.</param>
/// <param name="Hosts">The server's hosts.</param>
/// <param name="Mode">The TLS mode.</param>
/// <param name="Credential">The certificate served, when it could be loaded.</param>
/// <param name="ClientCa">The CA bundle client certificates are verified against (MUTUAL, OPTIONAL_MUTUAL).</param>
/// <param name="Problem">Why the filter chain cannot complete a handshake, or null.</param>
/// <param name="Notice">Something worth showing that does not break the chain (e.g. a rejected update), or null.</param>
/// <param name="Routes">The virtual hosts of the VirtualServices bound to this server.</param>
internal sealed record GatewayServer(
    string Gateway,
    int Index,
    IReadOnlyList<ServerHost> Hosts,
    GatewayTlsMode Mode,
    TlsCredential? Credential,
    TrustBundle? ClientCa,
    string? Problem,
    string? Notice,
    IReadOnlyList<VirtualHostRoutes> Routes)
{
    public bool RequiresClientCertificate => Mode is GatewayTlsMode.Mutual or GatewayTlsMode.IstioMutual;

    public bool RequestsClientCertificate => RequiresClientCertificate || Mode == GatewayTlsMode.OptionalMutual;
}

/// <summary>The gateway's whole configuration at one moment.</summary>
/// <param name="Servers">Servers on the HTTPS port, in Istio's order (oldest Gateway first).</param>
/// <param name="Ready">Whether a gateway pod is Ready (otherwise connections are dropped).</param>
/// <param name="Status">A one-line summary for the host map.</param>
internal sealed record GatewayConfig(IReadOnlyList<GatewayServer> Servers, bool Ready, string Status)
{
    public static GatewayConfig Empty { get; } = new([], false, "not started");

    /// <summary>Envoy's filter chain match on SNI: exact name, then the longest wildcard, then a chain without names (<c>*</c>).</summary>
    public GatewayServer? SelectBySni(string? serverName)
    {
        var sni = HostNames.Normalize(serverName);
        var candidates = Servers.SelectMany(s => s.Hosts.Select(h => (Server: s, h.Host))).ToList();
        if (sni.Length > 0)
        {
            var exact = candidates.FirstOrDefault(c => !c.Host.StartsWith('*') && string.Equals(c.Host, sni, StringComparison.OrdinalIgnoreCase));
            if (exact.Server is not null)
            {
                return exact.Server;
            }

            var wildcard = candidates
                .Where(c => c.Host.StartsWith("*.", StringComparison.Ordinal) && HostNames.PatternMatches(c.Host, sni))
                .OrderByDescending(c => c.Host.Length)
                .FirstOrDefault();
            if (wildcard.Server is not null)
            {
                return wildcard.Server;
            }
        }

        return candidates.FirstOrDefault(c => c.Host == "*").Server;
    }
}
