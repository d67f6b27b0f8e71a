using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Patching;

/// <summary>RFC 6902 JSON patch over a JSON tree (the document is changed in place).</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw PatchErrors.Malformed("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        var root = new JsonObject { ["doc"] = document };
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op)
            {
                throw PatchErrors.Malformed("json: cannot unmarshal into Go value of type jsonpatch.Operation");
            }

            var kind = op.Str("op") ?? throw PatchErrors.CannotApply("Unexpected kind: ");
            var path = op.Str("path") ?? throw PatchErrors.CannotApply($"operation missing path: {op.ToJsonString()}");
            switch (kind)
            {
                case "add":
                    Add(root, path, Value(op));
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path, "replace");
                    Add(root, path, Value(op));
                    break;
                case "move":
                    var moved = Remove(root, op.Str("from") ?? string.Empty, "move");
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Get(root, op.Str("from") ?? string.Empty, "copy")?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path, "test"), op["value"]))
                    {
                        throw PatchErrors.CannotApply($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw PatchErrors.CannotApply($"Unexpected kind: {kind}");
            }
        }

        var result = root["doc"]!;
        root.Remove("doc");
        return result;
    }

    private static JsonNode? Value(JsonObject op) =>
        op.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw PatchErrors.CannotApply("missing value");

    private static (JsonNode Parent, string Key) Locate(JsonObject root, string pointer, string op)
    {
        if (pointer.Length > 0 && pointer[0] != '/')
        {
            throw PatchErrors.CannotApply($"{op} operation does not apply: doc is missing path: \"{pointer}\": missing value");
        }

        var segments = pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode parent = root;
        var key = "doc";
        foreach (var segment in segments)
        {
            var next = Child(parent, key) ?? throw PatchErrors.CannotApply($"{op} operation does not apply: doc is missing path: \"{pointer}\": missing value");
            parent = next;
            key = segment;
        }

        return (parent, key);
    }

    private static JsonNode? Child(JsonNode parent, string key) => parent switch
    {
        JsonObject obj => obj[key],
        JsonArray array when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
        _ => null,
    };

    private static JsonNode? Get(JsonObject root, string pointer, string op)
    {
        var (parent, key) = Locate(root, pointer, op);
        return Child(parent, key);
    }

    private static void Add(JsonObject root, string pointer, JsonNode? value)
    {
        var (parent, key) = Locate(root, pointer, "add");
        switch (parent)
        {
            case JsonObject obj:
                obj.Remove(key);
                obj[key] = value;
                break;
            case JsonArray array when key == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= array.Count:
                array.Insert(i, value);
                break;
            default:
                throw PatchErrors.CannotApply($"add operation does not apply: doc is missing path: \"{pointer}\": missing value");
        }
    }

    private static JsonNode? Remove(JsonObject root, string pointer, string op = "remove")
    {
        var (parent, key) = Locate(root, pointer, op);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(key):
                var value = obj[key];
                obj.Remove(key);
                return value;
            case JsonArray array when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count:
                var item = array[i];
                array.RemoveAt(i);
                return item;
            default:
                throw PatchErrors.CannotApply($"{op} operation does not apply: doc is missing path: \"{pointer}\": missing value");
        }
    }
}
