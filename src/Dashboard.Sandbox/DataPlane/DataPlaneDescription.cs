namespace Dashboard.Sandbox.DataPlane;

/// <summary>The data plane as <c>GET /api/sandbox</c> shows it: listeners, the public host map and what is served.</summary>
/// <param name="Running">Whether the listeners are up.</param>
/// <param name="IstioProfile">The Istio generation imitated (Current or Legacy).</param>
/// <param name="AlbFlavour">The ALB image imitated (IbmIngress or IngressNginx).</param>
/// <param name="Gateway">The gateway listener.</param>
/// <param name="Alb">The ALB listener.</param>
/// <param name="Hosts">Public host names and where they really listen, with <c>curl</c> hints.</param>
/// <param name="GatewayServers">The gateway's HTTPS servers and the certificates they serve.</param>
/// <param name="AlbRoutes">The ALB's Ingress routes and how each reaches its backend.</param>
public sealed record DataPlaneDescription(
    bool Running,
    string IstioProfile,
    string AlbFlavour,
    DataPlaneListenerInfo Gateway,
    DataPlaneListenerInfo Alb,
    IReadOnlyList<DataPlaneHost> Hosts,
    IReadOnlyList<GatewayServerInfo> GatewayServers,
    IReadOnlyList<AlbRouteInfo> AlbRoutes);

/// <summary>One listener.</summary>
/// <param name="Role"><c>gateway</c> or <c>alb</c>.</param>
/// <param name="PublicAddress">The public IP it stands for (the gateway's LoadBalancer IP, the ALB's IP), when known.</param>
/// <param name="Loopback">Where it listens, e.g. <c>127.0.0.1:40123</c>, when running.</param>
/// <param name="Status">A one-line state.</param>
/// <param name="Generation">The gateway pods' generation (restarts seen), 0 for the ALB.</param>
/// <param name="StaleMountedSecrets">Legacy gateway: file-mounted secrets changed since the pods started (a restart is needed to load them).</param>
public sealed record DataPlaneListenerInfo(string Role, string? PublicAddress, string? Loopback, string Status, int Generation, IReadOnlyList<string> StaleMountedSecrets);

/// <summary>A public host name mapped to a loopback listener.</summary>
/// <param name="Host">The DNS name (may be a wildcard, <c>*.</c>) or a bare public IP.</param>
/// <param name="PublicAddress">The address it resolves to.</param>
/// <param name="Listener"><c>gateway</c> or <c>alb</c>.</param>
/// <param name="Loopback">The loopback endpoint.</param>
/// <param name="CurlResolve">A curl option reaching it with the port in the URL: <c>--resolve host:port:127.0.0.1</c>.</param>
/// <param name="CurlConnectTo">A curl option reaching it with the URL's default port 443: <c>--connect-to host:443:127.0.0.1:port</c>.</param>
/// <param name="ExampleUrl">A URL to use with <see cref="CurlConnectTo"/> (a wildcard name becomes <c>httpbin.…</c>).</param>
public sealed record DataPlaneHost(string Host, string PublicAddress, string Listener, string Loopback, string CurlResolve, string CurlConnectTo, string ExampleUrl);

/// <summary>A gateway HTTPS server (one Envoy filter chain).</summary>
/// <param name="Gateway">The Gateway, <c>namespace/name</c>.</param>
/// <param name="Index">The server's index in the Gateway.</param>
/// <param name="Hosts">Its hosts.</param>
/// <param name="Mode">The TLS mode.</param>
/// <param name="CertificateSubject">The served certificate's subject.</param>
/// <param name="CertificateSha256">The served certificate's SHA-256 fingerprint.</param>
/// <param name="CertificateNotAfter">The served certificate's expiry.</param>
/// <param name="CertificateSource">Where the certificate was read from.</param>
/// <param name="ClientCaSource">Where the client CA bundle was read from (MUTUAL).</param>
/// <param name="Problem">Why handshakes on this server fail, or null.</param>
/// <param name="Notice">A rejected update still being worked around, or null.</param>
/// <param name="Routes">Its virtual hosts: <c>domain → VirtualService</c>.</param>
public sealed record GatewayServerInfo(
    string Gateway,
    int Index,
    IReadOnlyList<string> Hosts,
    string Mode,
    string? CertificateSubject,
    string? CertificateSha256,
    DateTimeOffset? CertificateNotAfter,
    string? CertificateSource,
    string? ClientCaSource,
    string? Problem,
    string? Notice,
    IReadOnlyList<string> Routes);

/// <summary>An ALB location.</summary>
/// <param name="Host">The Ingress host (<c>_</c> for rules without host).</param>
/// <param name="Path">The path.</param>
/// <param name="PathType">Exact, Prefix or ImplementationSpecific.</param>
/// <param name="Ingress">The Ingress, <c>namespace/name</c>.</param>
/// <param name="Backend">The Service, <c>namespace/name:port</c>.</param>
/// <param name="Upstream">How the ALB reaches it (plain HTTP or the TLS settings).</param>
/// <param name="Problem">Why requests fail there, or null.</param>
public sealed record AlbRouteInfo(string Host, string Path, string PathType, string Ingress, string Backend, string Upstream, string? Problem);
