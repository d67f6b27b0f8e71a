using Dashboard.Sandbox.DataPlane.Tls;

namespace Dashboard.Sandbox.DataPlane.Alb;

/// <summary>An Ingress path type.</summary>
internal enum IngressPathKind
{
    Exact,
    Prefix,
    ImplementationSpecific,
}

/// <summary>
/// How the ALB talks TLS to a backend (nginx's <c>proxy_ssl_*</c> directives). Null on a backend means plain HTTP.
/// </summary>
/// <param name="ClientCertificate"><c>proxy_ssl_certificate</c>/<c>_key</c>: presented when the backend asks.</param>
/// <param name="Trusted"><c>proxy_ssl_trusted_certificate</c>.</param>
/// <param name="Verify"><c>proxy_ssl_verify</c>.</param>
/// <param name="VerifyName">The name the backend certificate must carry (<c>proxy_ssl_name</c>), or null for no name check.</param>
/// <param name="ServerName">The SNI sent (<c>proxy_ssl_server_name on</c>), or null for none.</param>
/// <param name="VerifyDepth"><c>proxy_ssl_verify_depth</c>.</param>
/// <param name="Description">A summary without key material, for the host map and logs.</param>
internal sealed record UpstreamTls(TlsCredential? ClientCertificate, TrustBundle? Trusted, bool Verify, string? VerifyName, string? ServerName, int VerifyDepth, string Description);

/// <summary>What an Ingress backend reaches.</summary>
internal enum BackendKind
{
    /// <summary>The istio-ingressgateway Service's HTTPS port: the sandbox gateway listener.</summary>
    Gateway,

    /// <summary>A Service without Ready endpoints, or no such Service/port: nginx answers 503.</summary>
    NoEndpoints,

    /// <summary>A gateway port nothing listens on: the connection is refused, nginx answers 502.</summary>
    Refused,

    /// <summary>A Service the sandbox does not simulate (only the gateway is): answered 503 like a backend without endpoints.</summary>
    NotSimulated,
}

/// <summary>An Ingress backend as the ALB configured it.</summary>
/// <param name="Ingress">The Ingress, <c>namespace/name</c>.</param>
/// <param name="Service">The Service, <c>namespace/name:port</c>.</param>
/// <param name="Kind">What it reaches.</param>
/// <param name="Tls">Upstream TLS, or null for plain HTTP.</param>
/// <param name="Denied">Why the controller denied the location (nginx then returns 503), or null.</param>
/// <param name="Detail">A short explanation.</param>
internal sealed record AlbBackend(string Ingress, string Service, BackendKind Kind, UpstreamTls? Tls, string? Denied, string Detail);

/// <summary>One nginx location.</summary>
internal sealed record AlbLocation(string Path, IngressPathKind Kind, AlbBackend Backend)
{
    /// <summary>ingress-nginx semantics: Exact is <c>location =</c>, Prefix matches whole path elements, ImplementationSpecific is nginx's plain prefix.</summary>
    public bool Matches(string path) => Kind switch
    {
        IngressPathKind.Exact => path == Path,
        IngressPathKind.Prefix => Path == "/" || path == Path.TrimEnd('/') || path.StartsWith(Path.TrimEnd('/') + "/", StringComparison.Ordinal),
        _ => path.StartsWith(Path, StringComparison.Ordinal),
    };
}

/// <summary>One nginx server block (<c>_</c> is the default server).</summary>
internal sealed record AlbServer(string Host, IReadOnlyList<AlbLocation> Locations)
{
    /// <summary>nginx's choice: an exact location first, then the longest matching prefix.</summary>
    public AlbLocation? Match(string path) =>
        Locations.FirstOrDefault(l => l.Kind == IngressPathKind.Exact && l.Matches(path))
        ?? Locations.Where(l => l.Kind != IngressPathKind.Exact && l.Matches(path)).OrderByDescending(l => l.Path.Length).FirstOrDefault();
}

/// <summary>The ALB's configuration at one moment.</summary>
internal sealed record AlbConfig(
    DataPlaneAlbFlavour Flavour,
    IReadOnlyList<AlbServer> Servers,
    IReadOnlyList<(string Host, TlsCredential Credential)> Certificates,
    TlsCredential? DefaultCertificate,
    string Status)
{
    public static AlbConfig Empty { get; } = new(DataPlaneAlbFlavour.Auto, [], [], null, "not started");

    /// <summary>The certificate for a TLS server name: the Ingress TLS host's, else the default certificate.</summary>
    public TlsCredential? CertificateFor(string? serverName)
    {
        var sni = HostNames.Normalize(serverName);
        return Certificates.FirstOrDefault(c => string.Equals(c.Host, sni, StringComparison.OrdinalIgnoreCase)).Credential
            ?? Certificates.Where(c => c.Host.StartsWith("*.", StringComparison.Ordinal) && HostNames.PatternMatches(c.Host, sni)).Select(c => c.Credential).FirstOrDefault()
            ?? DefaultCertificate;
    }

    /// <summary>nginx's server selection by Host: exact name, then the longest wildcard, then the default server.</summary>
    public AlbServer? ServerFor(string host) =>
        Servers.FirstOrDefault(s => string.Equals(s.Host, host, StringComparison.OrdinalIgnoreCase))
        ?? Servers.Where(s => s.Host.StartsWith("*.", StringComparison.Ordinal) && HostNames.PatternMatches(s.Host, host)).OrderByDescending(s => s.Host.Length).FirstOrDefault()
        ?? Servers.FirstOrDefault(s => s.Host == "_");
}
