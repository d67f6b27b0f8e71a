using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Discovery;

/// <summary>The resources served right now: the built-in ones plus every version of every established CRD.</summary>
internal sealed class ResourceRegistry
{
    private static readonly string[] s_builtInGroupOrder = ["", "apps", "authorization.k8s.io", "networking.k8s.io", "apiextensions.k8s.io"];

    private volatile Snapshot _snapshot = Snapshot.Build(BuiltInResources.All);

    /// <summary>Raised after the set of served resources changed (a CRD was established, changed or removed).</summary>
    public event Action? Changed;

    public IReadOnlyList<ResourceType> All => _snapshot.Types;

    public ResourceType? Find(string group, string version, string plural) =>
        _snapshot.ByPath.GetValueOrDefault((group, version, plural));

    /// <summary>The type at its storage version, for each group/resource (one entry per stored collection).</summary>
    public IEnumerable<ResourceType> StorageTypes() => _snapshot.Types.Where(t => t.Version == t.StorageVersion);

    public ResourceType? StorageType(GroupResource groupResource) =>
        _snapshot.Types.FirstOrDefault(t => t.GroupResource == groupResource && t.Version == t.StorageVersion);

    /// <summary>Served groups in discovery order, each with its versions in priority order (first is preferred).</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups => _snapshot.Groups;

    public IEnumerable<ResourceType> ServedAt(string group, string version) =>
        _snapshot.Types.Where(t => t.Group == group && t.Version == version);

    /// <summary>Rebuilds the custom part from the established CRDs.</summary>
    public void SetCustomResourceDefinitions(IEnumerable<JsonObject> crds)
    {
        var types = new List<ResourceType>(BuiltInResources.All);
        foreach (var crd in crds)
        {
            types.AddRange(CustomResourceTypes.FromCrd(crd));
        }

        _snapshot = Snapshot.Build(types);
        Changed?.Invoke();
    }

    private sealed record Snapshot(
        IReadOnlyList<ResourceType> Types,
        Dictionary<(string, string, string), ResourceType> ByPath,
        IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups)
    {
        public static Snapshot Build(IReadOnlyList<ResourceType> types)
        {
            var byPath = new Dictionary<(string, string, string), ResourceType>();
            foreach (var type in types)
            {
                byPath.TryAdd((type.Group, type.Version, type.Plural), type);
            }

            var groups = types.Select(t => t.Group).Distinct()
                .OrderBy(g => Array.IndexOf(s_builtInGroupOrder, g) is var i && i >= 0 ? i : s_builtInGroupOrder.Length)
                .ThenBy(g => g, StringComparer.Ordinal)
                .Select(g => (g, (IReadOnlyList<string>)types.Where(t => t.Group == g).Select(t => t.Version).Distinct().Order(KubeVersionOrder.Instance).ToList()))
                .ToList();
            return new Snapshot(types, byPath, groups);
        }
    }
}

/// <summary>Turns a CRD object into the resource types it serves.</summary>
internal static class CustomResourceTypes
{
    public static IEnumerable<ResourceType> FromCrd(JsonObject crd)
    {
        var spec = crd.Obj("spec");
        var names = spec.Obj("names");
        var group = spec.Str("group");
        var plural = names.Str("plural");
        var kind = names.Str("kind");
        if (spec is null || group is null || plural is null || kind is null)
        {
            yield break;
        }

        var versions = spec.Arr("versions").Objects().ToList();
        var storage = versions.FirstOrDefault(v => v.Bool("storage") == true).Str("name") ?? versions.FirstOrDefault().Str("name") ?? "v1";
        var namespaced = spec.Str("scope") != "Cluster";
        var crdName = crd.Str("metadata", "name") ?? $"{plural}.{group}";
        foreach (var version in versions.Where(v => v.Bool("served") == true))
        {
            var name = version.Str("name")!;
            var subresources = new List<string>();
            if (version.Obj("subresources", "status") is not null)
            {
                subresources.Add("status");
            }

            if (version.Obj("subresources", "scale") is not null)
            {
                subresources.Add("scale");
            }

            var schema = version.Obj("schema", "openAPIV3Schema");
            yield return new ResourceType
            {
                Group = group,
                Version = name,
                Plural = plural,
                Singular = names.Str("singular") ?? kind.ToLowerInvariant(),
                Kind = kind,
                Namespaced = namespaced,
                ShortNames = names.Arr("shortNames")?.Select(n => n?.GetValue<string>() ?? string.Empty).ToList() ?? [],
                Categories = names.Arr("categories")?.Select(n => n?.GetValue<string>() ?? string.Empty).ToList() ?? [],
                Subresources = subresources,
                StorageVersion = storage,
                SelectableFields = version.Arr("selectableFields").Objects().Select(f => f.Str("jsonPath")?.TrimStart('.') ?? string.Empty).ToList(),
                Custom = new CustomResourceVersion(
                    crdName,
                    schema,
                    PrinterColumns(version),
                    spec.Bool("preserveUnknownFields") == true,
                    version.Obj("subresources", "scale")),
            };
        }
    }

    private static List<PrinterColumn> PrinterColumns(JsonObject version)
    {
        var columns = version.Arr("additionalPrinterColumns").Objects()
            .Select(c => new PrinterColumn(
                c.Str("name") ?? string.Empty,
                c.Str("type") ?? "string",
                c.Str("format") ?? string.Empty,
                c.Str("description") ?? string.Empty,
                c.Str("jsonPath") ?? string.Empty,
                (int)(c.Int("priority") ?? 0)))
            .ToList();
        return columns.Count > 0
            ? columns
            : [new PrinterColumn("Age", "date", string.Empty, "CreationTimestamp is a timestamp representing the server time when this object was created.", ".metadata.creationTimestamp", 0)];
    }
}
