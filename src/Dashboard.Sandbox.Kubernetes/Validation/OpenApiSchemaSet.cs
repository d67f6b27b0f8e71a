using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Validation;

/// <summary>The built-in kinds' OpenAPI v3 schemas (components of the official documents), resolved by name.</summary>
internal sealed class OpenApiSchemaSet
{
    private readonly Dictionary<string, JsonObject> _schemas = new(StringComparer.Ordinal);

    public OpenApiSchemaSet()
    {
        foreach (var (path, file) in EmbeddedSchemas.OpenApiV3Files)
        {
            var bytes = EmbeddedSchemas.ReadBytes(file);
            Documents[path] = bytes;
            var doc = JsonText.Parse(bytes) as JsonObject;
            foreach (var (name, schema) in doc.Obj("components", "schemas") ?? [])
            {
                if (schema is JsonObject obj)
                {
                    _schemas.TryAdd(name, obj);
                }
            }
        }
    }

    /// <summary>The raw documents, keyed by <c>api/v1</c>-style path, for <c>/openapi/v3</c>.</summary>
    public Dictionary<string, byte[]> Documents { get; } = new(StringComparer.Ordinal);

    public JsonObject? Get(string name) => _schemas.GetValueOrDefault(name);

    /// <summary>Follows <c>$ref</c> and the single-element <c>allOf</c> wrappers the Kubernetes documents use.</summary>
    public JsonObject Resolve(JsonObject schema)
    {
        for (var depth = 0; depth < 8; depth++)
        {
            var reference = schema.Str("$ref") ?? (schema["allOf"] is JsonArray { Count: 1 } all ? all[0].Str("$ref") : null);
            if (reference is null)
            {
                return schema;
            }

            var name = reference[(reference.LastIndexOf('/') + 1)..];
            schema = Get(name) ?? schema;
        }

        return schema;
    }
}
