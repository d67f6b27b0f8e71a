using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;

namespace Dashboard.Sandbox.Kubernetes.Patching;

/// <summary>
/// Server-side apply: merges an applied configuration into the live object with structured-merge semantics,
/// refuses to change fields another manager owns (409 with <c>FieldManagerConflict</c> causes) unless forced,
/// and removes fields this manager applied before but no longer does.
/// </summary>
internal static class ServerSideApply
{
    public static JsonObject Apply(JsonObject? live, JsonObject applied, string manager, bool force, string apiVersion, DateTimeOffset now, SchemaCursor schema, string group, string resource, string name)
    {
        var entries = live is null ? [] : ManagedFields.Read(live);
        var liveValues = live is null ? [] : FieldPaths.Collect(live, schema);
        var appliedValues = FieldPaths.Collect(applied, schema);
        var mine = entries.FirstOrDefault(e => e.SameOwner(manager, "Apply", null));

        var conflicts = new List<(string Path, string Owner, string OwnerVersion)>();
        foreach (var (path, value) in appliedValues)
        {
            if (!liveValues.TryGetValue(path, out var current) || JsonNode.DeepEquals(current, value))
            {
                continue;
            }

            foreach (var other in entries.Where(e => !ReferenceEquals(e, mine) && e.Fields.Contains(path)))
            {
                conflicts.Add((path, other.Manager, other.ApiVersion));
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            throw Conflict(conflicts, group, resource, name);
        }

        var result = live is null ? new JsonObject() : (JsonObject)live.DeepClone();
        if (mine is not null)
        {
            var others = entries.Where(e => !ReferenceEquals(e, mine)).SelectMany(e => e.Fields).ToHashSet(StringComparer.Ordinal);
            foreach (var path in mine.Fields.Where(p => !appliedValues.ContainsKey(p) && !others.Contains(p)).OrderByDescending(p => p.Length))
            {
                RemovePath(result, path.Split(FieldPaths.Separator), schema);
            }
        }

        Merge(result, applied, schema);
        foreach (var entry in entries.Where(e => !ReferenceEquals(e, mine)))
        {
            entry.Fields.ExceptWith(conflicts.Select(c => c.Path));
        }

        entries.Remove(mine!);
        entries.Add(new ManagerEntry(manager, "Apply", apiVersion, null, ManagedFields.Timestamp(now), appliedValues.Keys.ToHashSet(StringComparer.Ordinal)));
        ManagedFields.Write(result, entries);
        return result;
    }

    private static ApiException Conflict(List<(string Path, string Owner, string OwnerVersion)> conflicts, string group, string resource, string name)
    {
        var causes = conflicts.Select(c => new StatusCause("FieldManagerConflict", $"conflict with \"{c.Owner}\" using {c.OwnerVersion}", FieldPaths.Display(c.Path))).ToList();
        var message = conflicts.Count == 1
            ? $"Apply failed with 1 conflict: {causes[0].Message}: {causes[0].Field}"
            : $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", causes.Select(c => $"{c.Message}: {c.Field}"));
        return new ApiException(409, "Conflict", message, new StatusDetails(name, group, resource, null, causes));
    }

    private static void Merge(JsonObject target, JsonObject applied, SchemaCursor schema)
    {
        foreach (var (key, value) in applied)
        {
            var child = key == "metadata" ? schema.Property("metadata") : schema.Property(key);
            target[key] = MergeValue(target[key]?.DeepClone(), value, child);
        }
    }

    private static JsonNode? MergeValue(JsonNode? current, JsonNode? applied, SchemaCursor schema)
    {
        switch (applied)
        {
            case JsonObject appliedObject when current is JsonObject currentObject:
                Merge(currentObject, appliedObject, schema);
                return currentObject;
            case JsonArray appliedArray when current is JsonArray currentArray:
                var listType = FieldPaths.ListType(schema, appliedArray);
                if (listType == "atomic")
                {
                    return appliedArray.DeepClone();
                }

                var result = new JsonArray(currentArray.Select(i => i?.DeepClone()).ToArray());
                foreach (var item in appliedArray)
                {
                    var segment = FieldPaths.ElementSegment(item, schema, listType);
                    var index = IndexOf(result, segment, schema, listType);
                    if (index < 0)
                    {
                        result.Add(item?.DeepClone());
                    }
                    else if (listType == "map" && item is JsonObject itemObject && result[index] is JsonObject existing)
                    {
                        var merged = (JsonObject)existing.DeepClone();
                        Merge(merged, itemObject, schema.Items());
                        result[index] = merged;
                    }
                }

                return result;
            default:
                return applied?.DeepClone();
        }
    }

    private static int IndexOf(JsonArray array, string segment, SchemaCursor schema, string listType)
    {
        for (var i = 0; i < array.Count; i++)
        {
            if (FieldPaths.ElementSegment(array[i], schema, listType) == segment)
            {
                return i;
            }
        }

        return -1;
    }

    private static void RemovePath(JsonNode? node, string[] segments, SchemaCursor schema)
    {
        for (var i = 0; i < segments.Length && node is not null; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment.StartsWith("f:", StringComparison.Ordinal) && node is JsonObject obj)
            {
                var key = segment[2..];
                schema = key == "metadata" ? schema.Property("metadata") : schema.Property(key);
                if (last)
                {
                    obj.Remove(key);
                    return;
                }

                node = obj[key];
            }
            else if (node is JsonArray array)
            {
                var listType = segment.StartsWith("k:", StringComparison.Ordinal) ? "map" : "set";
                var index = IndexOf(array, segment, schema, listType);
                if (index < 0)
                {
                    return;
                }

                if (last)
                {
                    array.RemoveAt(index);
                    return;
                }

                node = array[index];
                schema = schema.Items();
            }
            else
            {
                return;
            }
        }
    }
}
