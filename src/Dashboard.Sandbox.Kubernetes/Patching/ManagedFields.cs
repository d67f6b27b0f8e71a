using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Patching;

/// <summary>One <c>metadata.managedFields</c> entry, with its fields as a path set.</summary>
internal sealed record ManagerEntry(string Manager, string Operation, string ApiVersion, string? Subresource, string Time, HashSet<string> Fields)
{
    public bool SameOwner(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;
}

/// <summary>Reads, updates and writes field ownership the way the API server's field manager records it.</summary>
internal static class ManagedFields
{
    public static List<ManagerEntry> Read(JsonObject? obj) =>
        obj.Arr("metadata", "managedFields").Objects().Select(e => new ManagerEntry(
            e.Str("manager") ?? string.Empty,
            e.Str("operation") ?? "Update",
            e.Str("apiVersion") ?? string.Empty,
            e.Str("subresource"),
            e.Str("time") ?? string.Empty,
            FieldsV1.FromTrie(e.Obj("fieldsV1")))).ToList();

    public static void Write(JsonObject obj, IEnumerable<ManagerEntry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries.Where(e => e.Fields.Count > 0))
        {
            var node = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
                ["time"] = entry.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = FieldsV1.ToTrie(entry.Fields),
            };
            if (entry.Subresource is not null)
            {
                node["subresource"] = entry.Subresource;
            }

            array.Add(node);
        }

        if (array.Count > 0)
        {
            obj.Metadata()["managedFields"] = array;
        }
        else
        {
            obj.Metadata().Remove("managedFields");
        }
    }

    /// <summary>Gives <paramref name="manager"/> the fields a non-apply write changed, and drops removed fields from every owner.</summary>
    public static void RecordUpdate(JsonObject? previous, JsonObject updated, string manager, string apiVersion, string? subresource, DateTimeOffset now, SchemaCursor schema)
    {
        var entries = previous is null ? [] : Read(previous);
        var before = previous is null ? [] : FieldPaths.Collect(previous, schema);
        var after = FieldPaths.Collect(updated, schema);
        var changed = after.Where(p => !before.TryGetValue(p.Key, out var old) || !JsonNode.DeepEquals(old, p.Value)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var removed = before.Keys.Where(k => !after.ContainsKey(k)).ToHashSet(StringComparer.Ordinal);
        if (changed.Count == 0 && removed.Count == 0 && previous is not null)
        {
            Write(updated, entries);
            return;
        }

        foreach (var entry in entries)
        {
            entry.Fields.ExceptWith(removed);
            if (!entry.SameOwner(manager, "Update", subresource))
            {
                entry.Fields.ExceptWith(changed);
            }
        }

        var own = entries.FirstOrDefault(e => e.SameOwner(manager, "Update", subresource));
        var time = Timestamp(now);
        if (own is null)
        {
            entries.Add(new ManagerEntry(manager, "Update", apiVersion, subresource, time, changed));
        }
        else
        {
            own.Fields.UnionWith(changed);
            entries[entries.IndexOf(own)] = own with { Time = time, ApiVersion = apiVersion };
        }

        Write(updated, entries);
    }

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
