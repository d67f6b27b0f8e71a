using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Patching;

/// <summary>
/// Strategic merge patch for built-in kinds, driven by the <c>x-kubernetes-patch-strategy</c> and
/// <c>x-kubernetes-patch-merge-key</c> annotations of the official schemas, with the <c>$patch</c>,
/// <c>$retainKeys</c>, <c>$deleteFromPrimitiveList</c> and <c>$setElementOrder</c> directives.
/// </summary>
internal static class StrategicMergePatch
{
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";
    private const string SetElementOrder = "$setElementOrder/";

    public static JsonObject Apply(JsonObject original, JsonNode? patch, SchemaCursor schema)
    {
        if (patch is not JsonObject patchObject)
        {
            throw PatchErrors.Malformed("json: cannot unmarshal array into Go value of type map[string]interface {}");
        }

        return MergeMap(original, patchObject, schema) ?? [];
    }

    private static JsonObject? MergeMap(JsonObject original, JsonObject patch, SchemaCursor schema)
    {
        switch (patch.Str("$patch"))
        {
            case "replace":
                return Clean(patch);
            case "delete":
                return null;
            case { } other:
                throw PatchErrors.CannotApply($"Unknown patch type: {other} in map: {patch.ToJsonString()}");
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k) && !patch.ContainsKey(k)).ToList())
            {
                original.Remove(key);
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key is "$retainKeys" or "$patch" || key.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                continue;
            }

            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveList.Length..];
                if (original[field] is JsonArray list && value is JsonArray remove)
                {
                    foreach (var item in list.Where(i => remove.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                    {
                        list.Remove(item);
                    }
                }

                continue;
            }

            var child = schema.Property(key);
            var current = original[key];
            if (value is null)
            {
                original.Remove(key);
                continue;
            }

            JsonNode? merged = (current, value) switch
            {
                (JsonObject currentObject, JsonObject patchObject) => MergeMap(currentObject, patchObject, child),
                (JsonArray currentList, JsonArray patchList) when IsMergeList(child) => MergeList(currentList, patchList, child),
                (_, JsonObject patchObject) => MergeMap([], patchObject, child),
                (_, JsonArray patchList) => MergeList([], patchList, child),
                _ => value.DeepClone(),
            };
            original.Remove(key);
            if (merged is not null)
            {
                original[key] = merged;
            }
        }

        return original;
    }

    private static bool IsMergeList(SchemaCursor schema) =>
        schema.PatchStrategy?.Split(',').Contains("merge") == true;

    private static JsonArray MergeList(JsonArray original, JsonArray patch, SchemaCursor schema)
    {
        var items = schema.Items();
        if (patch.OfType<JsonObject>().Any(p => p.Str("$patch") == "replace"))
        {
            return new JsonArray(patch.Where(p => p is not JsonObject o || o.Str("$patch") != "replace").Select(Clean).ToArray());
        }

        if (!IsMergeList(schema))
        {
            return new JsonArray(patch.Select(Clean).ToArray());
        }

        var result = new JsonArray(original.Select(o => o?.DeepClone()).ToArray());
        var mergeKey = schema.PatchMergeKey;
        foreach (var element in patch)
        {
            if (element is JsonObject patchItem && mergeKey is not null)
            {
                var keyValue = patchItem[mergeKey];
                var existing = result.OfType<JsonObject>().FirstOrDefault(o => JsonNode.DeepEquals(o[mergeKey], keyValue));
                if (patchItem.Str("$patch") == "delete")
                {
                    if (existing is not null)
                    {
                        result.Remove(existing);
                    }

                    continue;
                }

                if (existing is null)
                {
                    result.Add(Clean(patchItem));
                }
                else
                {
                    var index = result.IndexOf(existing);
                    result.RemoveAt(index);
                    result.Insert(index, MergeMap(existing, patchItem, items) ?? []);
                }
            }
            else if (!result.Any(r => JsonNode.DeepEquals(r, element)))
            {
                result.Add(element?.DeepClone());
            }
        }

        return result;
    }

    /// <summary>A copy of a patch value with the directives removed, for values that do not merge into anything.</summary>
    private static JsonNode? Clean(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (key.StartsWith('$'))
                    {
                        continue;
                    }

                    if (value is not null)
                    {
                        copy[key] = Clean(value);
                    }
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(Clean).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    private static JsonObject Clean(JsonObject obj) => (JsonObject)Clean((JsonNode)obj)!;
}
