using Dashboard.Sandbox.DataPlane.Watching;

namespace Dashboard.Sandbox.DataPlane.Gateway;

/// <summary>
/// Resolves a route destination as Istio does: a name without dots is short for
/// <c>name.&lt;VirtualService namespace&gt;.svc.&lt;domain&gt;</c>; any other name is looked up as written (Istio's
/// <c>ResolveShortnameToFQDN</c> expands only dot-less names), so <c>httpbin.httptools</c> names no service.
/// The destination then needs a Service with the port, and Ready pods selected by it (its endpoints).
/// </summary>
internal sealed class UpstreamResolver(SandboxDataPlaneOptions options)
{
    public UpstreamTarget Resolve(string host, int? port, string virtualServiceNamespace, ClusterSnapshot snapshot)
    {
        var suffix = ".svc." + options.ClusterDomain;
        var fqdn = host.Contains('.', StringComparison.Ordinal) ? host.ToLowerInvariant() : $"{host.ToLowerInvariant()}.{virtualServiceNamespace}{suffix}";
        var cluster = $"outbound|{port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""}||{fqdn}";
        var parts = fqdn.EndsWith(suffix, StringComparison.Ordinal) ? fqdn[..^suffix.Length].Split('.') : [];
        if (parts.Length != 2)
        {
            return new(UpstreamKind.ClusterNotFound, cluster, $"{host} is not a service in the registry (write it as <name>.<namespace>.svc.{options.ClusterDomain} or as a short name in the VirtualService's namespace)");
        }

        var service = snapshot.Service(parts[1], parts[0]);
        if (service is null)
        {
            return new(UpstreamKind.ClusterNotFound, cluster, $"service {parts[1]}/{parts[0]} does not exist");
        }

        var ports = service.Spec?.Ports?.Select(p => p.Port).ToList() ?? [];
        var chosen = port ?? (ports.Count == 1 ? ports[0] : null);
        if (chosen is null || !ports.Contains(chosen.Value))
        {
            return new(UpstreamKind.ClusterNotFound, cluster, $"service {parts[1]}/{parts[0]} has no port {port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none given, and it has several)"}");
        }

        cluster = $"outbound|{chosen}||{fqdn}";
        var selector = service.Spec?.Selector;
        var ready = selector is { Count: > 0 }
            ? snapshot.PodsMatching(parts[1], selector.AsReadOnly()).Where(Labels.IsReady).ToList()
            : [];
        if (ready.Count == 0)
        {
            return new(UpstreamKind.NoHealthyUpstream, cluster, $"service {parts[1]}/{parts[0]} has no Ready endpoints");
        }

        return ready.Any(p => p.Spec?.Containers?.Any(c => c.Image?.Contains("httpbin", StringComparison.OrdinalIgnoreCase) == true) == true)
            ? new(UpstreamKind.Httpbin, cluster, $"{ready.Count} Ready httpbin pod(s) behind {parts[1]}/{parts[0]}")
            : new(UpstreamKind.UnknownWorkload, cluster, $"the pods behind {parts[1]}/{parts[0]} run no application the sandbox simulates");
    }
}
