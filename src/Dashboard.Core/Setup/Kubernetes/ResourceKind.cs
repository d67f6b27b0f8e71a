namespace Dashboard.Core.Setup.Kubernetes;

/// <summary>A Kubernetes resource type at one version.</summary>
/// <param name="Group">API group; empty for core.</param>
/// <param name="Version">Version.</param>
/// <param name="Plural">Resource (plural) name.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary>apiVersion as written in manifests.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>v1 Namespace.</summary>
    public static ResourceKind Namespace { get; } = new("", "v1", "namespaces", "Namespace", false);

    /// <summary>v1 Secret.</summary>
    public static ResourceKind Secret { get; } = new("", "v1", "secrets", "Secret", true);

    /// <summary>v1 Service.</summary>
    public static ResourceKind Service { get; } = new("", "v1", "services", "Service", true);

    /// <summary>v1 ServiceAccount.</summary>
    public static ResourceKind ServiceAccount { get; } = new("", "v1", "serviceaccounts", "ServiceAccount", true);

    /// <summary>v1 ConfigMap.</summary>
    public static ResourceKind ConfigMap { get; } = new("", "v1", "configmaps", "ConfigMap", true);

    /// <summary>v1 Pod.</summary>
    public static ResourceKind Pod { get; } = new("", "v1", "pods", "Pod", true);

    /// <summary>apps/v1 Deployment.</summary>
    public static ResourceKind Deployment { get; } = new("apps", "v1", "deployments", "Deployment", true);

    /// <summary>networking.k8s.io/v1 IngressClass.</summary>
    public static ResourceKind IngressClass { get; } = new("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false);

    /// <summary>An Ingress at <paramref name="apiVersion"/> (networking.k8s.io/v1, networking.k8s.io/v1beta1 or extensions/v1beta1).</summary>
    public static ResourceKind Ingress(string apiVersion)
    {
        var (group, version) = Split(apiVersion);
        return new(group, version, "ingresses", "Ingress", true);
    }

    /// <summary>A networking.istio.io kind at <paramref name="version"/>.</summary>
    public static ResourceKind Istio(string kind, string version) => kind switch
    {
        "Gateway" => new("networking.istio.io", version, "gateways", kind, true),
        "VirtualService" => new("networking.istio.io", version, "virtualservices", kind, true),
        "DestinationRule" => new("networking.istio.io", version, "destinationrules", kind, true),
        _ => throw new ArgumentException($"Unknown Istio networking kind '{kind}'.", nameof(kind)),
    };

    /// <summary>security.istio.io PeerAuthentication at <paramref name="version"/>.</summary>
    public static ResourceKind PeerAuthentication(string version) => new("security.istio.io", version, "peerauthentications", "PeerAuthentication", true);

    /// <summary>authentication.istio.io/v1alpha1 Policy (Istio ≤ 1.5).</summary>
    public static ResourceKind Policy { get; } = new("authentication.istio.io", "v1alpha1", "policies", "Policy", true);

    /// <summary>The group and version of an apiVersion.</summary>
    public static (string Group, string Version) Split(string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }
}

/// <summary>An object's identity, for messages and the ledger.</summary>
/// <param name="Kind">The resource type.</param>
/// <param name="Namespace">The namespace, or null.</param>
/// <param name="Name">The name.</param>
public sealed record ObjectRef(ResourceKind Kind, string? Namespace, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Namespace is null ? $"{Kind.Kind} {Name}" : $"{Kind.Kind} {Namespace}/{Name}";
}
