using System.Globalization;
using System.Text.Json.Nodes;

namespace Dashboard.Core.Kubernetes;

/// <summary>
/// Compares what a step writes with the live object the way server-side apply would treat it: every field the step
/// sets must have the same value live (fields set by others or defaulted by the server are ignored; list items are
/// compared in order). Equal means applying would change nothing, so the write is skipped.
/// </summary>
public static class ObjectComparer
{
    /// <summary>The fields whose values differ (or are missing live), as paths; empty when the live object already matches.</summary>
    /// <param name="desired">What the step writes.</param>
    /// <param name="live">The object as read from the cluster.</param>
    /// <param name="sensitivePaths">Path prefixes whose values are never shown (secret data).</param>
    public static IReadOnlyList<(string Path, string? Desired, string? Live)> Differences(JsonObject desired, JsonObject live, params string[] sensitivePaths)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(live);
        var result = new List<(string, string?, string?)>();
        Walk(desired, live, "", result, sensitivePaths);
        return result;
    }

    private static void Walk(JsonNode? desired, JsonNode? live, string path, List<(string, string?, string?)> result, string[] sensitive)
    {
        switch (desired)
        {
            case JsonObject d:
                if (live is not JsonObject l)
                {
                    result.Add((path, Show(desired, path, sensitive), Show(live, path, sensitive)));
                    return;
                }

                foreach (var (key, value) in d)
                {
                    if (path.Length == 0 && key is "apiVersion" or "kind")
                    {
                        continue;
                    }

                    Walk(value, l[key], path.Length == 0 ? key : $"{path}.{key}", result, sensitive);
                }

                return;
            case JsonArray d:
                if (live is not JsonArray la || la.Count != d.Count)
                {
                    result.Add((path, Show(desired, path, sensitive), Show(live, path, sensitive)));
                    return;
                }

                for (var i = 0; i < d.Count; i++)
                {
                    Walk(d[i], la[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), result, sensitive);
                }

                return;
            default:
                if (!ScalarEquals(desired, live))
                {
                    result.Add((path, Show(desired, path, sensitive), Show(live, path, sensitive)));
                }

                return;
        }
    }

    private static bool ScalarEquals(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        // Numbers may come back as 8000 or 8000.0; integers and strings compare by their text.
        return JsonNode.DeepEquals(a, b) || string.Equals(a.ToJsonString(), b.ToJsonString(), StringComparison.Ordinal);
    }

    private static string? Show(JsonNode? value, string path, string[] sensitive) =>
        value is null ? null
        : sensitive.Any(s => path.StartsWith(s, StringComparison.Ordinal)) ? "(secret value)"
        : value is JsonValue v && v.TryGetValue<string>(out var text) ? text
        : value.ToJsonString();
}
