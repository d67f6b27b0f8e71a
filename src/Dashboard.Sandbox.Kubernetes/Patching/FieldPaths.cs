using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Patching;

/// <summary>
/// Field paths in the structured-merge-diff notation (<c>f:name</c>, <c>k:{"name":"x"}</c>, <c>v:"value"</c>),
/// joined by a separator into one string per path, computed from an object and its schema's list semantics.
/// </summary>
internal static class FieldPaths
{
    public const char Separator = '\u0001';

    private static readonly HashSet<string> s_ignoredRoots = ["f:apiVersion", "f:kind"];

    private static readonly HashSet<string> s_ignoredMetadata =
    [
        "f:name", "f:namespace", "f:uid", "f:resourceVersion", "f:generation", "f:creationTimestamp", "f:managedFields",
        "f:deletionTimestamp", "f:deletionGracePeriodSeconds", "f:selfLink", "f:generateName",
    ];

    /// <summary>Every ownable path of <paramref name="obj"/> with its value: leaves, and list elements themselves.</summary>
    public static Dictionary<string, JsonNode?> Collect(JsonObject obj, SchemaCursor schema)
    {
        var set = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            var segment = "f:" + key;
            if (s_ignoredRoots.Contains(segment))
            {
                continue;
            }

            if (key == "metadata" && value is JsonObject metadata)
            {
                foreach (var (metaKey, metaValue) in metadata)
                {
                    if (!s_ignoredMetadata.Contains("f:" + metaKey))
                    {
                        Walk(metaValue, schema.Property("metadata").Property(metaKey), "f:metadata" + Separator + "f:" + metaKey, set);
                    }
                }

                continue;
            }

            Walk(value, schema.Property(key), segment, set);
        }

        return set;
    }

    private static void Walk(JsonNode? node, SchemaCursor schema, string prefix, Dictionary<string, JsonNode?> set)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                foreach (var (key, value) in obj)
                {
                    Walk(value, schema.Property(key), prefix + Separator + "f:" + key, set);
                }

                break;
            case JsonArray array when array.Count > 0:
                var listType = ListType(schema, array);
                if (listType == "atomic")
                {
                    set[prefix] = array;
                    break;
                }

                foreach (var item in array)
                {
                    var element = prefix + Separator + ElementSegment(item, schema, listType);
                    set[element] = listType == "map" ? null : item;
                    if (listType == "map" && item is JsonObject itemObject)
                    {
                        var items = schema.Items();
                        foreach (var (key, value) in itemObject)
                        {
                            Walk(value, items.Property(key), element + Separator + "f:" + key, set);
                        }
                    }
                }

                break;
            default:
                set[prefix] = node;
                break;
        }
    }

    /// <summary>map (keyed elements), set (scalar elements) or atomic (replaced whole).</summary>
    public static string ListType(SchemaCursor schema, JsonArray? sample = null)
    {
        if (schema.ListType is { } declared)
        {
            return declared == "map" && schema.MapKeys.Count == 0 ? "atomic" : declared;
        }

        if (schema.PatchStrategy?.Split(',').Contains("merge") == true)
        {
            if (schema.PatchMergeKey is not null)
            {
                return "map";
            }

            if (sample is null || sample.All(i => i is JsonValue))
            {
                return "set";
            }
        }

        return "atomic";
    }

    public static string ElementSegment(JsonNode? item, SchemaCursor schema, string listType)
    {
        if (listType == "map" && item is JsonObject obj)
        {
            // A key field the item leaves out takes its schema default, as structured-merge-diff does (so an applied
            // port without protocol matches the stored one defaulted to TCP).
            var key = new JsonObject();
            var items = schema.Items();
            foreach (var name in schema.MapKeys)
            {
                key[name] = (obj[name] ?? items.Property(name).Default)?.DeepClone();
            }

            return "k:" + JsonText.ToText(key);
        }

        return "v:" + (item is null ? "null" : JsonText.ToText(item));
    }

    /// <summary>The path as the API server shows it in conflict messages, e.g. <c>.spec.containers[name="app"].image</c>.</summary>
    public static string Display(string path)
    {
        var builder = new StringBuilder();
        foreach (var segment in path.Split(Separator))
        {
            if (segment.StartsWith("f:", StringComparison.Ordinal))
            {
                builder.Append('.').Append(segment[2..]);
            }
            else if (segment.StartsWith("k:", StringComparison.Ordinal) && JsonText.Parse(Encoding.UTF8.GetBytes(segment[2..])) is JsonObject key)
            {
                builder.Append('[').Append(string.Join(",", key.Select(kv => $"{kv.Key}={kv.Value?.ToJsonString()}"))).Append(']');
            }
            else
            {
                builder.Append('[').Append(segment).Append(']');
            }
        }

        return builder.ToString();
    }
}
