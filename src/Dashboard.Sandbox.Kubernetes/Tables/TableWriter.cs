using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Tables;

/// <summary>Builds <c>meta.k8s.io/v1 Table</c> responses, as the server does for <c>kubectl get</c>.</summary>
internal static class TableWriter
{
    public static JsonObject Build(ResourceType type, IEnumerable<JsonObject> objects, string includeObject, DateTimeOffset now, string resourceVersion, string? continueToken, long? remaining)
    {
        var (columns, row) = BuiltInPrinters.For(type.Kind) is { } printer && type.Custom is null ? printer : CustomPrinter(type);
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }

        if (remaining is not null)
        {
            metadata["remainingItemCount"] = remaining;
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var entry = new JsonObject { ["cells"] = new JsonArray(row(obj, now)) };
            switch (includeObject)
            {
                case "None":
                    break;
                case "Object":
                    entry["object"] = obj.DeepClone();
                    break;
                default:
                    entry["object"] = PartialMetadata(obj);
                    break;
            }

            rows.Add(entry);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Description,
                ["priority"] = c.Priority,
            }).ToArray()),
            ["rows"] = rows,
        };
    }

    /// <summary><c>PartialObjectMetadata</c> of an object: its type and metadata only.</summary>
    public static JsonObject PartialMetadata(JsonObject obj) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = obj["metadata"]?.DeepClone(),
    };

    private static (IReadOnlyList<TableColumn>, Func<JsonObject, DateTimeOffset, JsonNode?[]>) CustomPrinter(ResourceType type)
    {
        var printerColumns = type.Custom?.PrinterColumns ?? [new PrinterColumn("Age", "date", string.Empty, string.Empty, ".metadata.creationTimestamp", 0)];
        var columns = new List<TableColumn> { TableColumn.NameColumn };
        columns.AddRange(printerColumns.Select(c => new TableColumn(c.Name, c.Type, c.Description, c.Priority, c.Format)));
        return (columns, (obj, now) =>
        {
            var cells = new List<JsonNode?> { obj.Str("metadata", "name") };
            foreach (var column in printerColumns)
            {
                var value = obj.At(column.JsonPath.TrimStart('.').Split('.', StringSplitOptions.RemoveEmptyEntries));
                cells.Add(Cell(column.Type, value, now));
            }

            return cells.ToArray();
        }
        );
    }

    private static JsonNode? Cell(string type, JsonNode? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        var isString = value is JsonValue v && v.GetValueKind() == JsonValueKind.String;
        return type switch
        {
            "date" when isString => HumanDuration.Since(value.GetValue<string>(), now),
            "string" => isString ? value.GetValue<string>() : value.ToJsonString(),
            "integer" or "number" when value is JsonValue number && number.GetValueKind() == JsonValueKind.Number => number.DeepClone(),
            "boolean" when value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False => b.DeepClone(),
            _ => isString ? value.GetValue<string>() : value.ToJsonString(),
        };
    }
}
