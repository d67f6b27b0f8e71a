using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Validation;

namespace Dashboard.Sandbox.Kubernetes.Patching;

/// <summary>A position in a schema (built-in OpenAPI with references, or a CRD's inline schema) used to learn list semantics.</summary>
internal readonly struct SchemaCursor(JsonObject? schema, OpenApiSchemaSet? set)
{
    public static SchemaCursor None => new(null, null);

    private JsonObject? Schema => schema is null ? null : set?.Resolve(schema) ?? schema;

    public SchemaCursor Property(string name)
    {
        var resolved = Schema;
        var child = resolved.Obj("properties")?[name] as JsonObject ?? resolved?["additionalProperties"] as JsonObject;
        return new SchemaCursor(child, set);
    }

    public SchemaCursor Items() => new(Schema.Obj("items"), set);

    /// <summary><c>x-kubernetes-list-type</c> from the unresolved wrapper or the resolved schema.</summary>
    public string? ListType => schema.Str("x-kubernetes-list-type") ?? Schema.Str("x-kubernetes-list-type");

    public IReadOnlyList<string> MapKeys =>
        (schema.Arr("x-kubernetes-list-map-keys") ?? Schema.Arr("x-kubernetes-list-map-keys"))?.Select(k => k?.GetValue<string>() ?? string.Empty).ToList()
        ?? (PatchMergeKey is { } key ? [key] : []);

    public string? PatchStrategy => schema.Str("x-kubernetes-patch-strategy") ?? Schema.Str("x-kubernetes-patch-strategy");

    public string? PatchMergeKey => schema.Str("x-kubernetes-patch-merge-key") ?? Schema.Str("x-kubernetes-patch-merge-key");

    public bool IsKnown => schema is not null;

    /// <summary>The schema's <c>default</c> value, if any (e.g. <c>protocol: TCP</c> of ports).</summary>
    public JsonNode? Default => schema?["default"] ?? Schema?["default"];
}
