using System.Collections.Immutable;
using k8s.Models;

namespace Dashboard.Sandbox.DataPlane.Watching;

/// <summary>A consistent-enough view of the watched objects at one moment, keyed by <c>namespace/name</c>.</summary>
internal sealed record ClusterSnapshot(
    ClusterApis Apis,
    ImmutableDictionary<string, V1Secret> Secrets,
    ImmutableDictionary<string, V1Pod> Pods,
    ImmutableDictionary<string, V1Service> Services,
    ImmutableDictionary<string, V1Ingress> Ingresses,
    ImmutableDictionary<string, IstioObject> Gateways,
    ImmutableDictionary<string, IstioObject> VirtualServices)
{
    public static ClusterSnapshot Empty { get; } = new(
        new ClusterApis(null, false, []),
        ImmutableDictionary<string, V1Secret>.Empty,
        ImmutableDictionary<string, V1Pod>.Empty,
        ImmutableDictionary<string, V1Service>.Empty,
        ImmutableDictionary<string, V1Ingress>.Empty,
        ImmutableDictionary<string, IstioObject>.Empty,
        ImmutableDictionary<string, IstioObject>.Empty);

    public V1Secret? Secret(string ns, string name) => Secrets.GetValueOrDefault(ns + "/" + name);

    public V1Service? Service(string ns, string name) => Services.GetValueOrDefault(ns + "/" + name);

    /// <summary>Pods in <paramref name="ns"/> whose labels include every pair of <paramref name="selector"/>.</summary>
    public IEnumerable<V1Pod> PodsMatching(string ns, IReadOnlyDictionary<string, string> selector) =>
        Pods.Values.Where(p => p.Metadata.NamespaceProperty == ns && Labels.Match(selector, p.Metadata.Labels));
}

/// <summary>Label and pod-state helpers.</summary>
internal static class Labels
{
    /// <summary>Equality-based selector match: every selector pair is present in the labels.</summary>
    public static bool Match(IReadOnlyDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is null || selector.All(pair => labels is not null && labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <summary>Parses <c>key=value[,key=value]</c>.</summary>
    public static Dictionary<string, string> ParseSelector(string selector) =>
        selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : "", StringComparer.Ordinal);

    /// <summary>Running, Ready and not being deleted: what an Endpoints controller would list.</summary>
    public static bool IsReady(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Phase == "Running"
        && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
