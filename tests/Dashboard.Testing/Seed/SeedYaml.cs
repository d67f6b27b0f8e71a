using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Testing.Seed;

/// <summary>YAML to JSON the way the API server reads it (plain integers as numbers), and flattened to path → value.</summary>
public static class SeedYaml
{
    /// <summary>The first document.</summary>
    public static JsonObject Parse(string yaml) => ParseAll(yaml)[0];

    /// <summary>Every document.</summary>
    public static IReadOnlyList<JsonObject> ParseAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => (JsonObject)ToJson(d.RootNode)!)];
    }

    /// <summary>Every leaf as <c>a.b[0].c</c> → JSON text; an empty object is a leaf <c>{}</c>.</summary>
    public static Dictionary<string, string> Flatten(JsonNode node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(node, "", result);
        return result;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string> result)
    {
        switch (node)
        {
            case JsonObject o when o.Count == 0:
                result[path] = "{}";
                break;
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    Walk(value, path.Length == 0 ? key : $"{path}.{key}", result);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), result);
                }

                break;
            default:
                result[path] = node?.ToJsonString() ?? "null";
                break;
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };
}
