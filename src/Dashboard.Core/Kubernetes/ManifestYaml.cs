using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Dashboard.Core.Kubernetes;

/// <summary>YAML rendering of manifests (in the order the fields were written) and unified diffs between them.</summary>
public static class ManifestYaml
{
    private static readonly ISerializer s_serializer = new SerializerBuilder().DisableAliases().WithQuotingNecessaryStrings().Build();

    /// <summary>The manifest as YAML.</summary>
    public static string Render(JsonNode? node) => s_serializer.Serialize(ToPlain(node));

    /// <summary>A unified diff from <paramref name="liveYaml"/> to <paramref name="desiredYaml"/>; <see cref="ManifestDiff.None"/> when equal.</summary>
    public static ManifestDiff Diff(string? liveYaml, string desiredYaml, string label) => ManifestDiff.Between(liveYaml, desiredYaml, label);

    /// <summary>
    /// The live object reduced to the fields the desired one sets, so a diff shows only what the step manages
    /// (server-set fields such as status, uid and managedFields are left out).
    /// </summary>
    public static JsonNode? Project(JsonNode? live, JsonNode desired)
    {
        switch (desired)
        {
            case JsonObject d when live is JsonObject l:
                var result = new JsonObject();
                foreach (var (key, value) in d)
                {
                    if (l.ContainsKey(key))
                    {
                        result[key] = value is null ? l[key]?.DeepClone() : Project(l[key], value);
                    }
                }

                return result;
            case JsonArray d when live is JsonArray l:
                var items = new JsonArray();
                for (var i = 0; i < l.Count; i++)
                {
                    items.Add(i < d.Count && d[i] is { } di ? Project(l[i], di) : l[i]?.DeepClone());
                }

                return items;
            default:
                return live?.DeepClone();
        }
    }

    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
            _ => v.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };
}
