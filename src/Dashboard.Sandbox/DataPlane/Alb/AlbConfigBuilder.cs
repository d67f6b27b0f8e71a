using Dashboard.Sandbox.DataPlane.Tls;
using Dashboard.Sandbox.DataPlane.Watching;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.DataPlane.Alb;

/// <summary>
/// Turns the Ingresses of this ALB's classes into nginx servers, locations and certificates, per flavour:
/// ingress-nginx reads TLS secrets from the Ingress's namespace only; the legacy IBM ALB tries the Ingress's
/// namespace, then <c>default</c>, then <c>ibm-cert-store</c>. A TLS host whose secret is missing, unreadable or does
/// not cover the host gets the default certificate. The oldest Ingress wins a host/path both define. Call from one thread.
/// </summary>
internal sealed class AlbConfigBuilder(SandboxDataPlaneOptions options, TimeProvider time, ILogger logger)
{
    private readonly BackendTls _tls = new(new MaterialCache());
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private TlsCredential? _fake;

    private MaterialCache Material => _tls.Material;

    public AlbConfig Build(ClusterSnapshot snapshot, DataPlaneAlbFlavour flavour, bool gatewayReady)
    {
        var classes = options.IngressClasses.Count > 0 ? options.IngressClasses
            : flavour == DataPlaneAlbFlavour.IngressNginx ? [ClusterApis.IngressNginxClass] : ["iks-nginx"];
        var ingresses = snapshot.Ingresses.Values
            .Where(i => IsOurs(i, classes, acceptWithoutClass: flavour == DataPlaneAlbFlavour.IbmIngress))
            .OrderBy(i => i.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(i => i.Metadata.NamespaceProperty + "/" + i.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        var servers = new Dictionary<string, List<AlbLocation>>(StringComparer.OrdinalIgnoreCase);
        var certificates = new List<(string, TlsCredential)>();
        var defaultCertificate = DefaultCertificate(snapshot);
        foreach (var ingress in ingresses)
        {
            foreach (var rule in ingress.Spec?.Rules ?? [])
            {
                var locations = servers.TryGetValue(rule.Host ?? "_", out var list) ? list : servers[rule.Host ?? "_"] = [];
                foreach (var path in rule.Http?.Paths ?? [])
                {
                    var kind = Enum.TryParse<IngressPathKind>(path.PathType, out var k) ? k : IngressPathKind.ImplementationSpecific;
                    var location = new AlbLocation(string.IsNullOrEmpty(path.Path) ? "/" : path.Path, kind, Backend(ingress, path.Backend, snapshot, flavour, gatewayReady));
                    if (!locations.Any(l => l.Path == location.Path && l.Kind == location.Kind))
                    {
                        locations.Add(location);
                    }
                }
            }

            foreach (var tls in ingress.Spec?.Tls ?? [])
            {
                foreach (var host in tls.Hosts ?? [])
                {
                    if (!certificates.Any(c => string.Equals(c.Item1, host, StringComparison.OrdinalIgnoreCase))
                        && Certificate(ingress, tls.SecretName, host, snapshot, flavour) is { } credential)
                    {
                        certificates.Add((host.ToLowerInvariant(), credential));
                    }
                }
            }
        }

        return new AlbConfig(flavour, [.. servers.Select(s => new AlbServer(s.Key, s.Value))], certificates, defaultCertificate,
            $"{flavour}, classes {string.Join(",", classes)}: {ingresses.Count} Ingress(es), {servers.Count} server(s)");
    }

    private static bool IsOurs(V1Ingress ingress, IReadOnlyList<string> classes, bool acceptWithoutClass)
    {
        var className = ingress.Spec?.IngressClassName ?? (ingress.Metadata.Annotations is { } annotations && annotations.TryGetValue("kubernetes.io/ingress.class", out var annotated) ? annotated : null);
        return className is null ? acceptWithoutClass : classes.Contains(className, StringComparer.Ordinal);
    }

    private AlbBackend Backend(V1Ingress ingress, V1IngressBackend backend, ClusterSnapshot snapshot, DataPlaneAlbFlavour flavour, bool gatewayReady)
    {
        var ns = ingress.Metadata.NamespaceProperty;
        var ingressKey = $"{ns}/{ingress.Metadata.Name}";
        var name = backend.Service?.Name ?? "";
        var portText = backend.Service?.Port?.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? backend.Service?.Port?.Name ?? "";
        var serviceKey = $"{ns}/{name}:{portText}";
        var service = snapshot.Service(ns, name);
        var port = service?.Spec?.Ports?.FirstOrDefault(p => p.Port == backend.Service?.Port?.Number || (p.Name is not null && p.Name == backend.Service?.Port?.Name));
        var tls = flavour == DataPlaneAlbFlavour.IngressNginx ? _tls.ForNginx(ingress, snapshot) : _tls.ForIbm(ingress, name, snapshot);
        if (tls.Warning is { } warning)
        {
            Report($"{ingressKey}|{warning}", () => DataPlaneLog.AlbIngressWarning(logger, ingressKey, warning));
        }

        if (service is null || port is null)
        {
            return new(ingressKey, serviceKey, BackendKind.NoEndpoints, tls.Tls, tls.Denied, service is null ? $"service {ns}/{name} not found" : $"service {ns}/{name} has no port {portText}");
        }

        if (ns != options.GatewayNamespace || name != options.GatewayServiceName)
        {
            return new(ingressKey, serviceKey, BackendKind.NotSimulated, tls.Tls, tls.Denied, "the sandbox ALB forwards only to the Istio ingress gateway");
        }

        if (port.Port != options.GatewayServerPort)
        {
            return new(ingressKey, serviceKey, BackendKind.Refused, tls.Tls, tls.Denied, $"nothing listens behind gateway port {port.Port} in the sandbox");
        }

        return gatewayReady
            ? new(ingressKey, serviceKey, BackendKind.Gateway, tls.Tls, tls.Denied, "istio-ingressgateway")
            : new(ingressKey, serviceKey, BackendKind.NoEndpoints, tls.Tls, tls.Denied, "the gateway has no Ready pod");
    }

    private TlsCredential? Certificate(V1Ingress ingress, string? secretName, string host, ClusterSnapshot snapshot, DataPlaneAlbFlavour flavour)
    {
        var ns = ingress.Metadata.NamespaceProperty;
        var secret = secretName is null ? null : flavour == DataPlaneAlbFlavour.IngressNginx
            ? snapshot.Secret(ns, secretName)
            : BackendTls.LookUp(snapshot, secretName, ns, "default", "ibm-cert-store");
        string? problem = null;
        var credential = secret?.Data is { } data && data.TryGetValue("tls.crt", out var cert) && data.TryGetValue("tls.key", out var key)
            ? Material.Credential(cert, key, $"secret {secret.Metadata.NamespaceProperty}/{secret.Metadata.Name}", out problem)
            : null;
        if (credential is not null && !HostNames.CertificateCovers(credential.Leaf, host))
        {
            problem = $"the certificate of secret {secret!.Metadata.NamespaceProperty}/{secretName} does not cover {host}";
            credential = null;
        }

        if (credential is null && secretName is not null)
        {
            var reason = problem ?? (secret is null ? $"secret {secretName} not found" : $"secret {secretName} has no tls.crt/tls.key");
            Report($"{ns}/{ingress.Metadata.Name}|{host}|{reason}", () => DataPlaneLog.AlbDefaultCertificate(logger, host, reason));
        }

        return credential;
    }

    private TlsCredential? DefaultCertificate(ClusterSnapshot snapshot)
    {
        if (options.DefaultCertificateSecretName is { Length: > 0 } name
            && snapshot.Secret(options.DefaultCertificateSecretNamespace, name)?.Data is { } data
            && data.TryGetValue("tls.crt", out var cert) && data.TryGetValue("tls.key", out var key)
            && Material.Credential(cert, key, $"secret {options.DefaultCertificateSecretNamespace}/{name}", out _) is { } credential)
        {
            return credential;
        }

        return _fake ??= FakeCertificate.Create(time.GetUtcNow());
    }

    private void Report(string key, Action log)
    {
        if (_reported.Count > 1000)
        {
            _reported.Clear();
        }

        if (_reported.Add(key))
        {
            log();
        }
    }
}
