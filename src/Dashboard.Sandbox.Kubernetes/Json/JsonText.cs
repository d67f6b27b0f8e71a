using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Sandbox.Kubernetes.Json;

/// <summary>Serialization settings shared by the whole server, close to Go's encoding/json output.</summary>
internal static class JsonText
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 256,
    };

    public static byte[] ToUtf8(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Options);

    public static string ToText(JsonNode node) => node.ToJsonString(Options);

    /// <summary>Parses JSON text; throws <see cref="JsonException"/> with the parser's message when malformed.</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8) => JsonNode.Parse(utf8, NodeOptions, DocumentOptions);

    /// <summary>
    /// Parses JSON into a fully built tree. Parsed trees are built lazily on first access, which is not safe when
    /// several threads read the same tree; trees that are shared (stored objects, schemas) are parsed with this.
    /// </summary>
    public static JsonNode? ParseShared(ReadOnlySpan<byte> utf8) => Materialize(Parse(utf8));

    /// <summary>Forces every node of a lazily parsed tree to be built.</summary>
    public static JsonNode? Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }

        return node;
    }
}
