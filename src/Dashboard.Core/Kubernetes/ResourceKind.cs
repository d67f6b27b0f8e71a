using System.Reflection;
using k8s;
using k8s.Models;

namespace Dashboard.Core.Kubernetes;

/// <summary>
/// A Kubernetes resource type at one version. The kinds the dashboard reads and writes are mapped once, here (group,
/// kind → plural and scope); <see cref="Known"/> finds them by apiVersion and kind, <see cref="Of{T}"/> by a
/// KubernetesClient model, and <see cref="ClusterApi.ResolveKindAsync"/> asks discovery for any other.
/// </summary>
/// <param name="Group">API group; empty for core.</param>
/// <param name="Version">The version within the group, e.g. <c>v1</c> or <c>v1beta1</c>.</param>
/// <param name="Plural">The resource name in URLs (<c>gateways</c>).</param>
/// <param name="Kind">The kind as written in manifests, e.g. <c>Gateway</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace (false for Namespace, IngressClass).</param>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    // Group/kind → plural and scope, whatever the version.
    private static readonly Dictionary<(string Group, string Kind), (string Plural, bool Namespaced)> s_known = new()
    {
        [("", "Namespace")] = ("namespaces", false),
        [("", "Secret")] = ("secrets", true),
        [("", "Service")] = ("services", true),
        [("", "ServiceAccount")] = ("serviceaccounts", true),
        [("", "ConfigMap")] = ("configmaps", true),
        [("", "Pod")] = ("pods", true),
        [("apps", "Deployment")] = ("deployments", true),
        [("networking.k8s.io", "IngressClass")] = ("ingressclasses", false),
        [("networking.k8s.io", "Ingress")] = ("ingresses", true),
        [("extensions", "Ingress")] = ("ingresses", true),
        [("networking.istio.io", "Gateway")] = ("gateways", true),
        [("networking.istio.io", "VirtualService")] = ("virtualservices", true),
        [("networking.istio.io", "DestinationRule")] = ("destinationrules", true),
        [("security.istio.io", "PeerAuthentication")] = ("peerauthentications", true),
        [("authentication.istio.io", "Policy")] = ("policies", true),
    };

    // Built-in kinds that live outside namespaces, for models not in the table above.
    private static readonly HashSet<string> s_clusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "IngressClass", "StorageClass", "PriorityClass", "RuntimeClass", "ClusterRole",
        "ClusterRoleBinding", "CustomResourceDefinition", "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        "CertificateSigningRequest", "CSIDriver", "CSINode", "VolumeAttachment",
    };

    /// <summary>apiVersion as written in manifests.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>v1 Namespace.</summary>
    public static ResourceKind Namespace { get; } = Known("v1", "Namespace")!;

    /// <summary>v1 Secret.</summary>
    public static ResourceKind Secret { get; } = Known("v1", "Secret")!;

    /// <summary>v1 Service.</summary>
    public static ResourceKind Service { get; } = Known("v1", "Service")!;

    /// <summary>v1 ServiceAccount.</summary>
    public static ResourceKind ServiceAccount { get; } = Known("v1", "ServiceAccount")!;

    /// <summary>v1 ConfigMap.</summary>
    public static ResourceKind ConfigMap { get; } = Known("v1", "ConfigMap")!;

    /// <summary>v1 Pod.</summary>
    public static ResourceKind Pod { get; } = Known("v1", "Pod")!;

    /// <summary>apps/v1 Deployment.</summary>
    public static ResourceKind Deployment { get; } = Known("apps/v1", "Deployment")!;

    /// <summary>networking.k8s.io/v1 IngressClass.</summary>
    public static ResourceKind IngressClass { get; } = Known("networking.k8s.io/v1", "IngressClass")!;

    /// <summary>authentication.istio.io/v1alpha1 Policy (Istio ≤ 1.5).</summary>
    public static ResourceKind Policy { get; } = Known("authentication.istio.io/v1alpha1", "Policy")!;

    /// <summary>An Ingress at <paramref name="apiVersion"/> (networking.k8s.io/v1, networking.k8s.io/v1beta1 or extensions/v1beta1).</summary>
    public static ResourceKind Ingress(string apiVersion) => Required(apiVersion, "Ingress");

    /// <summary>networking.istio.io Gateway at <paramref name="version"/>.</summary>
    public static ResourceKind Gateway(string version) => Required("networking.istio.io/" + version, "Gateway");

    /// <summary>networking.istio.io VirtualService at <paramref name="version"/>.</summary>
    public static ResourceKind VirtualService(string version) => Required("networking.istio.io/" + version, "VirtualService");

    /// <summary>networking.istio.io DestinationRule at <paramref name="version"/>.</summary>
    public static ResourceKind DestinationRule(string version) => Required("networking.istio.io/" + version, "DestinationRule");

    /// <summary>security.istio.io PeerAuthentication at <paramref name="version"/>.</summary>
    public static ResourceKind PeerAuthentication(string version) => Required("security.istio.io/" + version, "PeerAuthentication");

    /// <summary>A kind the dashboard knows, at <paramref name="apiVersion"/>; null for any other (ask discovery then).</summary>
    public static ResourceKind? Known(string apiVersion, string kind)
    {
        var (group, version) = Split(apiVersion);
        return s_known.TryGetValue((group, kind), out var entry) ? new ResourceKind(group, version, entry.Plural, kind, entry.Namespaced) : null;
    }

    /// <summary>The kind of a KubernetesClient model (<c>V1Secret</c>, <c>V1Deployment</c>, …), from its <see cref="KubernetesEntityAttribute"/>.</summary>
    public static ResourceKind Of<T>()
        where T : IKubernetesObject
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{typeof(T).Name} is not a Kubernetes object model (it has no KubernetesEntity attribute).", nameof(T));
        var apiVersion = entity.Group is { Length: > 0 } group ? $"{group}/{entity.ApiVersion}" : entity.ApiVersion;
        return Known(apiVersion, entity.Kind) ?? new ResourceKind(entity.Group ?? "", entity.ApiVersion, entity.PluralName, entity.Kind, !s_clusterScoped.Contains(entity.Kind));
    }

    /// <summary>The group and version of an apiVersion.</summary>
    public static (string Group, string Version) Split(string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    private static ResourceKind Required(string apiVersion, string kind) =>
        Known(apiVersion, kind) ?? throw new ArgumentException($"{kind} is not served as {apiVersion}.", nameof(apiVersion));
}
