using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Validation;

/// <summary>
/// Checks a built-in object against its OpenAPI v3 schema the way the API server's typed JSON decoding and
/// validation behave: wrong JSON types are decode errors, unknown fields are dropped (and reported), missing
/// required fields are validation errors.
/// </summary>
internal sealed class TypedSchemaChecker(OpenApiSchemaSet schemas)
{
    public SchemaReport Check(JsonObject obj, string schemaName, string kind, string version)
    {
        var report = new SchemaReport();
        var schema = schemas.Get(schemaName) ?? throw new InvalidOperationException($"No OpenAPI schema {schemaName}.");
        Walk(obj, schema, string.Empty, kind, report, kind, version);
        return report;
    }

    private void Walk(JsonNode? node, JsonObject schema, string path, string goType, SchemaReport report, string kind, string version)
    {
        schema = schemas.Resolve(schema);
        if (node is null)
        {
            return;
        }

        if (schema.Str("format") == "int-or-string")
        {
            Expect(node, path, report, kind, version, goType, "intstr.IntOrString", JsonValueKind.Number, JsonValueKind.String);
            return;
        }

        switch (schema.Str("type"))
        {
            case "object":
                if (node is not JsonObject obj)
                {
                    Decode(report, kind, version, node, goType, path, "struct");
                    return;
                }

                WalkObject(obj, schema, path, report, kind, version);
                break;
            case "array":
                if (node is not JsonArray array)
                {
                    Decode(report, kind, version, node, goType, path, "[]" + ElementType(schema));
                    return;
                }

                var items = schema.Obj("items");
                for (var i = 0; i < array.Count && items is not null; i++)
                {
                    Walk(array[i], items, $"{path}[{i}]", goType, report, kind, version);
                }

                break;
            case "string":
                if (Expect(node, path, report, kind, version, goType, "string", JsonValueKind.String) && schema.Str("format") == "byte")
                {
                    CheckBase64(node.GetValue<string>(), path, report, kind, version);
                }

                break;
            case "integer":
                if (Expect(node, path, report, kind, version, goType, "int32", JsonValueKind.Number) && !JsonNumbers.IsInteger(node.AsValue()))
                {
                    Decode(report, kind, version, node, goType, path, "int64");
                }

                break;
            case "number":
                Expect(node, path, report, kind, version, goType, "float64", JsonValueKind.Number);
                break;
            case "boolean":
                Expect(node, path, report, kind, version, goType, "bool", JsonValueKind.True, JsonValueKind.False);
                break;
            default:
                // RawExtension, Quantity and other free-form types: the schema does not constrain them further here.
                if (schema.Str("format") == "quantity" || schema.Obj("properties") is null)
                {
                    return;
                }

                if (node is JsonObject free)
                {
                    WalkObject(free, schema, path, report, kind, version);
                }

                break;
        }
    }

    private void WalkObject(JsonObject obj, JsonObject schema, string path, SchemaReport report, string kind, string version)
    {
        var properties = schema.Obj("properties");
        var additional = schema["additionalProperties"] as JsonObject;
        if (properties is null && additional is null)
        {
            return;
        }

        foreach (var (key, value) in obj.ToList())
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (properties?[key] is JsonObject propertySchema)
            {
                Walk(value, propertySchema, childPath, kind + "." + key, report, kind, version);
            }
            else if (additional is not null)
            {
                Walk(value, additional, childPath, kind + "." + key, report, kind, version);
            }
            else
            {
                report.UnknownFields.Add(childPath);
                obj.Remove(key);
            }
        }

        foreach (var required in schema.Arr("required")?.Select(r => r?.GetValue<string>()).OfType<string>() ?? [])
        {
            if (!obj.ContainsKey(required) && !IsTypeMeta(path, required))
            {
                report.Causes.Add(StatusCause.Required(path.Length == 0 ? required : $"{path}.{required}"));
            }
        }
    }

    private static bool IsTypeMeta(string path, string field) => path.Length == 0 && field is "apiVersion" or "kind";

    private static string ElementType(JsonObject schema) => schema.Obj("items")?.Str("type") ?? "struct";

    private static bool Expect(JsonNode node, string path, SchemaReport report, string kind, string version, string goType, string target, params JsonValueKind[] allowed)
    {
        if (node is JsonValue value && allowed.Contains(value.GetValueKind()))
        {
            return true;
        }

        Decode(report, kind, version, node, goType, path, target);
        return false;
    }

    private static void Decode(SchemaReport report, string kind, string version, JsonNode node, string goType, string path, string target)
    {
        var actual = node switch
        {
            JsonObject => "object",
            JsonArray => "array",
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number",
                JsonValueKind.True or JsonValueKind.False => "bool",
                _ => "value",
            },
            _ => "value",
        };
        report.DecodeErrors.Add($"{kind} in version \"{version}\" cannot be handled as a {kind}: json: cannot unmarshal {actual} into Go struct field {goType} of type {target}");
        _ = path;
    }

    private static void CheckBase64(string text, string path, SchemaReport report, string kind, string version)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, buffer, out _))
        {
            report.DecodeErrors.Add($"{kind} in version \"{version}\" cannot be handled as a {kind}: illegal base64 data at input byte {FirstBadIndex(text)} ({path})");
        }
    }

    private static int FirstBadIndex(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return i;
            }
        }

        return text.Length;
    }
}
