using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Sandbox.Kubernetes.Json;

/// <summary>Small accessors over <see cref="JsonNode"/> trees, tolerant of missing or wrongly typed members.</summary>
internal static class JsonPathExtensions
{
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var segment in path)
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    public static string? Str(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static long? Int(this JsonNode? node, params string[] path)
    {
        if (node.At(path) is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        return value.TryGetValue<long>(out var l) ? l
            : value.TryGetValue<double>(out var d) ? (long)d
            : long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
    }

    public static bool? Bool(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValueKind() == JsonValueKind.True
            : null;

    public static JsonObject? Obj(this JsonNode? node, params string[] path) => node.At(path) as JsonObject;

    public static JsonArray? Arr(this JsonNode? node, params string[] path) => node.At(path) as JsonArray;

    /// <summary>Returns the child object named <paramref name="name"/>, creating it (or replacing a non-object) when needed.</summary>
    public static JsonObject Ensure(this JsonObject obj, string name)
    {
        if (obj[name] is JsonObject child)
        {
            return child;
        }

        child = [];
        obj[name] = child;
        return child;
    }

    public static JsonObject Metadata(this JsonObject obj) => obj.Ensure("metadata");

    public static IReadOnlyDictionary<string, string> StringMap(this JsonNode? node, params string[] path)
    {
        if (node.At(path) is not JsonObject obj || obj.Count == 0)
        {
            return EmptyMap;
        }

        var map = new Dictionary<string, string>(obj.Count, StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                map[key] = v.GetValue<string>();
            }
        }

        return map;
    }

    public static JsonObject ToJsonObject(this IEnumerable<KeyValuePair<string, string>> map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map)
        {
            obj[key] = value;
        }

        return obj;
    }

    public static IEnumerable<JsonObject> Objects(this JsonArray? array) =>
        array is null ? [] : array.OfType<JsonObject>();

    public static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();
}
