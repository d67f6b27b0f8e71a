using System.Globalization;
using System.Text.Json;

namespace Dashboard.Sandbox.DataPlane.Gateway;

/// <summary>Small readers for Istio specs kept as JSON.</summary>
internal static class JsonSpec
{
    public static JsonElement? Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? Str(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static int? Int(this JsonElement element, string name) => element.Get(name) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var i) => i,
        { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };

    public static bool Bool(this JsonElement element, string name) => element.Get(name) is { ValueKind: JsonValueKind.True };

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static IReadOnlyList<string> Strings(this JsonElement element, string name) =>
        [.. element.Items(name).Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!)];

    public static IReadOnlyDictionary<string, string> Map(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>();
}
