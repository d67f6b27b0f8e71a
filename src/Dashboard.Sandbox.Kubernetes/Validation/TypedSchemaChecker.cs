using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Validation;

/// <summary>
/// Checks a built-in object against its OpenAPI v3 schema the way the API server's typed JSON decoding and
/// validation behave: wrong JSON types are decode errors, unknown fields are dropped (and reported), missing
/// required fields are validation errors. Field paths are only spelled out when something is reported.
/// </summary>
internal sealed class TypedSchemaChecker(OpenApiSchemaSet schemas)
{
    public SchemaReport Check(JsonObject obj, string schemaName, string kind, string version)
    {
        var report = new SchemaReport();
        var schema = schemas.Get(schemaName) ?? throw new InvalidOperationException($"No OpenAPI schema {schemaName}.");
        new Walker(schemas, report, kind, version).Object(obj, schemas.Resolve(schema), string.Empty);
        return report;
    }

    private readonly struct Walker(OpenApiSchemaSet schemas, SchemaReport report, string kind, string version)
    {
        public void Value(JsonNode? node, JsonObject schema, string parent, string key)
        {
            schema = schemas.Resolve(schema);
            if (node is null)
            {
                return;
            }

            if (schema.Str("format") == "int-or-string")
            {
                Expect(node, parent, key, "intstr.IntOrString", JsonValueKind.Number, JsonValueKind.String);
                return;
            }

            switch (schema.Str("type"))
            {
                case "object":
                    if (node is JsonObject obj)
                    {
                        Object(obj, schema, Join(parent, key));
                    }
                    else
                    {
                        Decode(node, parent, key, "struct");
                    }

                    break;
                case "array":
                    if (node is not JsonArray array)
                    {
                        Decode(node, parent, key, "[]" + (schema.Obj("items")?.Str("type") ?? "struct"));
                        break;
                    }

                    if (schema.Obj("items") is { } items && array.Count > 0)
                    {
                        var path = Join(parent, key);
                        for (var i = 0; i < array.Count; i++)
                        {
                            Value(array[i], items, path, "[" + i + "]");
                        }
                    }

                    break;
                case "string":
                    if (Expect(node, parent, key, "string", JsonValueKind.String) && schema.Str("format") == "byte")
                    {
                        CheckBase64(node.GetValue<string>(), parent, key);
                    }

                    break;
                case "integer":
                    if (Expect(node, parent, key, "int32", JsonValueKind.Number) && !JsonNumbers.IsInteger(node.AsValue()))
                    {
                        Decode(node, parent, key, "int64");
                    }

                    break;
                case "number":
                    Expect(node, parent, key, "float64", JsonValueKind.Number);
                    break;
                case "boolean":
                    Expect(node, parent, key, "bool", JsonValueKind.True, JsonValueKind.False);
                    break;
                default:
                    // RawExtension, Quantity and other free-form types: the schema does not constrain them further here.
                    if (node is JsonObject free && schema.Obj("properties") is not null)
                    {
                        Object(free, schema, Join(parent, key));
                    }

                    break;
            }
        }

        public void Object(JsonObject obj, JsonObject schema, string path)
        {
            var properties = schema.Obj("properties");
            var additional = schema["additionalProperties"] as JsonObject;
            if (properties is null && additional is null)
            {
                return;
            }

            List<string>? unknown = null;
            foreach (var (key, value) in obj)
            {
                if (properties?[key] is JsonObject propertySchema)
                {
                    Value(value, propertySchema, path, key);
                }
                else if (additional is not null)
                {
                    Value(value, additional, path, key);
                }
                else
                {
                    (unknown ??= []).Add(key);
                }
            }

            foreach (var key in unknown ?? [])
            {
                report.UnknownFields.Add(Join(path, key));
                obj.Remove(key);
            }

            if (schema["required"] is JsonArray required)
            {
                foreach (var entry in required)
                {
                    var name = entry?.GetValue<string>();
                    if (name is not null && !obj.ContainsKey(name) && !(path.Length == 0 && name is "apiVersion" or "kind"))
                    {
                        report.Causes.Add(Api.StatusCause.Required(Join(path, name)));
                    }
                }
            }
        }

        private bool Expect(JsonNode node, string parent, string key, string target, params JsonValueKind[] allowed)
        {
            if (node is JsonValue value && allowed.Contains(value.GetValueKind()))
            {
                return true;
            }

            Decode(node, parent, key, target);
            return false;
        }

        private void Decode(JsonNode node, string parent, string key, string target)
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
            report.DecodeErrors.Add($"{kind} in version \"{version}\" cannot be handled as a {kind}: json: cannot unmarshal {actual} into Go struct field {kind}.{Join(parent, key)} of type {target}");
        }

        private void CheckBase64(string text, string parent, string key)
        {
            var buffer = new byte[(text.Length * 3 / 4) + 3];
            if (!Convert.TryFromBase64String(text, buffer, out _))
            {
                report.DecodeErrors.Add($"{kind} in version \"{version}\" cannot be handled as a {kind}: illegal base64 data at input byte {FirstBadIndex(text)} ({Join(parent, key)})");
            }
        }

        private static string Join(string parent, string key) =>
            parent.Length == 0 ? key : key.StartsWith('[') ? parent + key : parent + "." + key;

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
}
