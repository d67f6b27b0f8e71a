using System.Text.Json.Nodes;

namespace Dashboard.Sandbox.Kubernetes.Discovery;

/// <summary>A group and resource, the unit objects are stored under (independent of the served version).</summary>
internal readonly record struct GroupResource(string Group, string Resource)
{
    public override string ToString() => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}

/// <summary>One resource as served at one group/version.</summary>
internal sealed record ResourceType
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required string Kind { get; init; }

    public required bool Namespaced { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Verbs { get; init; } = ResourceVerbs.Standard;

    /// <summary>Subresources served besides the main resource (<c>status</c>, <c>scale</c>).</summary>
    public IReadOnlyList<string> Subresources { get; init; } = [];

    /// <summary>The version objects of this resource are stored in (responses at other versions are converted).</summary>
    public required string StorageVersion { get; init; }

    /// <summary>OpenAPI component name of the kind's schema (built-in kinds only).</summary>
    public string? SchemaName { get; init; }

    /// <summary>For custom resources: the CRD version this type was created from.</summary>
    public CustomResourceVersion? Custom { get; init; }

    /// <summary>Field selectors this resource supports besides <c>metadata.name</c> and <c>metadata.namespace</c>.</summary>
    public IReadOnlyList<string> SelectableFields { get; init; } = [];

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string StorageApiVersion => Group.Length == 0 ? StorageVersion : $"{Group}/{StorageVersion}";

    public GroupResource GroupResource => new(Group, Plural);

    public bool HasStatus => Subresources.Contains("status");

    public string ListKind => Kind + "List";
}

/// <summary>What a CRD says about one of its versions.</summary>
internal sealed record CustomResourceVersion(
    string CrdName,
    JsonObject? Schema,
    IReadOnlyList<PrinterColumn> PrinterColumns,
    bool PreserveUnknownFields,
    JsonObject? Scale);

/// <summary>An <c>additionalPrinterColumns</c> entry.</summary>
internal sealed record PrinterColumn(string Name, string Type, string Format, string Description, string JsonPath, int Priority);

internal static class ResourceVerbs
{
    public static readonly IReadOnlyList<string> Standard = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static readonly IReadOnlyList<string> NoCollectionDelete = ["create", "delete", "get", "list", "patch", "update", "watch"];
}
