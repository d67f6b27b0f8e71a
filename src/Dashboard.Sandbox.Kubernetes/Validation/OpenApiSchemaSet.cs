using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Validation;

/// <summary>
/// The built-in kinds' OpenAPI v3 schemas (components of the official documents), resolved by name. The documents
/// stay as read-only <see cref="JsonDocument"/>s; a component becomes a fully built tree (safe to share between
/// threads) the first time it is needed.
/// </summary>
internal sealed class OpenApiSchemaSet
{
    private readonly Dictionary<string, JsonElement> _components = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonObject> _built = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public OpenApiSchemaSet()
    {
        foreach (var (path, file) in EmbeddedSchemas.OpenApiV3Files)
        {
            var bytes = EmbeddedSchemas.ReadBytes(file);
            Documents[path] = bytes;
            var document = JsonDocument.Parse(bytes);
            if (document.RootElement.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var schemas))
            {
                foreach (var schema in schemas.EnumerateObject())
                {
                    _components.TryAdd(schema.Name, schema.Value);
                }
            }
        }
    }

    /// <summary>The raw documents, keyed by <c>api/v1</c>-style path, for <c>/openapi/v3</c>.</summary>
    public Dictionary<string, byte[]> Documents { get; } = new(StringComparer.Ordinal);

    public JsonObject? Get(string name)
    {
        if (_built.TryGetValue(name, out var built))
        {
            return built;
        }

        lock (_gate)
        {
            if (_built.TryGetValue(name, out built))
            {
                return built;
            }

            if (!_components.TryGetValue(name, out var element))
            {
                return null;
            }

            built = (JsonObject)JsonText.Materialize(JsonNode.Parse(element.GetRawText()))!;
            _built[name] = built;
            return built;
        }
    }

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
