using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Sandbox.DataPlane.Tls;
using Dashboard.Sandbox.DataPlane.Watching;
using k8s.Models;

namespace Dashboard.Sandbox.DataPlane.Alb;

/// <summary>The ALB's TLS towards one backend: null <see cref="Tls"/> is plain HTTP; <see cref="Denied"/> makes the location answer 503.</summary>
internal sealed record BackendTlsResult(UpstreamTls? Tls, string? Denied, string? Warning);

/// <summary>Reads an Ingress's upstream-TLS annotations the way each ALB flavour does.</summary>
internal sealed class BackendTls(MaterialCache material)
{
    private const string Prefix = "nginx.ingress.kubernetes.io/";

    /// <summary>The parse cache shared with the ALB's certificate loading.</summary>
    public MaterialCache Material => material;

    /// <summary>
    /// The IBM ALB: HTTPS when the backend is listed in <c>ssl-services</c>. The <c>ssl-secret</c> (looked up in the
    /// Ingress namespace, then <c>default</c>, then <c>ibm-cert-store</c>) supplies <c>trusted.crt</c> (the backend's
    /// certificate is then verified) and optionally <c>client.crt</c>/<c>client.key</c> (presented for mutual TLS).
    /// <c>proxy-ssl-name</c> is both the name verified and the SNI sent; without it no name is checked and no SNI sent.
    /// </summary>
    public BackendTlsResult ForIbm(V1Ingress ingress, string service, ClusterSnapshot snapshot)
    {
        var annotation = ingress.Metadata.Annotations is { } all && all.TryGetValue(SslServicesAnnotation.Name, out var text) ? text : null;
        if (annotation is null)
        {
            return new(null, null, null);
        }

        var services = SslServicesAnnotation.Parse(annotation, out var error);
        if (services is null)
        {
            return new(null, null, $"{SslServicesAnnotation.Name} ignored: {error}");
        }

        var entry = services.FirstOrDefault(s => s.Service == service);
        if (entry is null)
        {
            return new(null, null, null);
        }

        var secret = entry.Secret is null ? null : LookUp(snapshot, entry.Secret, ingress.Metadata.NamespaceProperty, "default", "ibm-cert-store");
        if (entry.Secret is not null && secret is null)
        {
            return new(new UpstreamTls(null, null, false, null, entry.ProxySslName, entry.VerifyDepth, $"HTTPS, ssl-secret {entry.Secret} not found: unverified, no client certificate"), null,
                $"ssl-secret {entry.Secret} not found in {ingress.Metadata.NamespaceProperty}, default or ibm-cert-store");
        }

        var source = secret is null ? "" : $"secret {secret.Metadata.NamespaceProperty}/{secret.Metadata.Name}";
        var data = secret?.Data ?? new Dictionary<string, byte[]>();
        var trusted = data.TryGetValue("trusted.crt", out var ca) ? material.Bundle(ca, source + " (trusted.crt)", out _) : null;
        string? warning = null;
        TlsCredential? client = null;
        if (data.TryGetValue("client.crt", out var cert) && data.TryGetValue("client.key", out var key))
        {
            client = material.Credential(cert, key, source + " (client.crt, client.key)", out warning);
        }

        var description = $"HTTPS via {SslServicesAnnotation.Name}: " + (trusted is null ? "backend certificate not verified" : $"verified against {trusted.Source}, depth {entry.VerifyDepth}")
            + (entry.ProxySslName is null ? ", no name check, no SNI" : $", name and SNI {entry.ProxySslName}")
            + (client is null ? ", no client certificate" : $", client certificate {client.Leaf.Subject}");
        return new(new UpstreamTls(client, trusted, trusted is not null, entry.ProxySslName, entry.ProxySslName, entry.VerifyDepth, description), null, warning);
    }

    /// <summary>
    /// ingress-nginx: HTTPS when <c>backend-protocol</c> is HTTPS (or GRPCS). The <c>proxy-ssl-*</c> annotations apply
    /// only with a valid <c>proxy-ssl-secret</c> (<c>namespace/name</c>, holding <c>tls.crt</c>/<c>tls.key</c> and/or
    /// <c>ca.crt</c>); an unusable one denies the location (503). <c>proxy-ssl-verify</c> (on/off, default off) and
    /// <c>proxy-ssl-verify-depth</c> (default 1) need <c>ca.crt</c>; the verified name is <c>proxy-ssl-name</c>, else
    /// nginx's <c>$proxy_host</c> (<c>upstream_balancer</c>); SNI is sent only with <c>proxy-ssl-server-name: on</c>.
    /// </summary>
    public BackendTlsResult ForNginx(V1Ingress ingress, ClusterSnapshot snapshot)
    {
        var annotations = ingress.Metadata.Annotations ?? new Dictionary<string, string>();
        var protocol = annotations.TryGetValue(Prefix + "backend-protocol", out var protocolText) ? protocolText.Trim().ToUpperInvariant() : null;
        var https = protocol is "HTTPS" or "GRPCS";
        if (!annotations.TryGetValue(Prefix + "proxy-ssl-secret", out var reference))
        {
            return new(https ? new UpstreamTls(null, null, false, null, null, 1, "HTTPS (backend-protocol), no proxy-ssl-secret: unverified, no client certificate, no SNI") : null, null, null);
        }

        var parts = reference.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return new(null, $"proxy-ssl-secret: invalid format (namespace/name) found in '{reference}'", null);
        }

        var secret = snapshot.Secret(parts[0], parts[1]);
        if (secret is null)
        {
            return new(null, $"error obtaining certificate: local SSL certificate {reference} was not found", null);
        }

        var data = secret.Data ?? new Dictionary<string, byte[]>();
        var hasPair = data.TryGetValue("tls.crt", out var cert) & data.TryGetValue("tls.key", out var key);
        data.TryGetValue("ca.crt", out var ca);
        TlsCredential? client = null;
        if (hasPair)
        {
            client = material.Credential(cert!, key!, $"secret {reference} (tls.crt, tls.key)", out var problem);
            if (client is null)
            {
                return new(null, $"error obtaining certificate: {problem}", null);
            }
        }
        else if (ca is not { Length: > 0 })
        {
            return new(null, $"error obtaining certificate: secret {reference} contains no keypair or CA certificate", null);
        }

        var trusted = ca is { Length: > 0 } ? material.Bundle(ca, $"secret {reference} (ca.crt)", out _) : null;
        var verify = trusted is not null && Matches(annotations, "proxy-ssl-verify", "^(on|off)$", "off") == "on";
        var depth = int.Parse(Matches(annotations, "proxy-ssl-verify-depth", "^[0-9]+$", "1"), CultureInfo.InvariantCulture);
        var name = annotations.TryGetValue(Prefix + "proxy-ssl-name", out var n) && n.Trim().Length > 0 ? n.Trim() : null;
        var serverName = Matches(annotations, "proxy-ssl-server-name", "^(on|off)$", "off") == "on";
        var effectiveName = name ?? "upstream_balancer";
        if (!https)
        {
            return new(null, null, null);
        }

        var description = "HTTPS (backend-protocol): " + (verify ? $"verified against {trusted!.Source}, name {effectiveName}, depth {depth}" : "backend certificate not verified")
            + (serverName ? $", SNI {effectiveName}" : ", no SNI") + (client is null ? ", no client certificate" : $", client certificate {client.Leaf.Subject}");
        return new(new UpstreamTls(client, trusted, verify, verify ? effectiveName : null, serverName ? effectiveName : null, depth, description), null, null);
    }

    /// <summary>The first secret of that name in the namespaces, in order.</summary>
    public static V1Secret? LookUp(ClusterSnapshot snapshot, string name, params string[] namespaces) =>
        namespaces.Distinct(StringComparer.Ordinal).Select(ns => snapshot.Secret(ns, name)).FirstOrDefault(s => s is not null);

    // ingress-nginx validates annotation values; an invalid one falls back to the default.
    private static string Matches(IDictionary<string, string> annotations, string name, string pattern, string fallback) =>
        annotations.TryGetValue(Prefix + name, out var value) && Regex.IsMatch(value.Trim(), pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100))
            ? value.Trim()
            : fallback;
}
