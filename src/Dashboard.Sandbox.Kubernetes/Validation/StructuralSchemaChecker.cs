using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Validation;

/// <summary>
/// Validates and prunes a custom resource against its CRD's structural <c>openAPIV3Schema</c>, as the
/// apiextensions server does: unknown fields are pruned (unless <c>x-kubernetes-preserve-unknown-fields</c>),
/// every violation is a 422 field cause. CEL rules (<c>x-kubernetes-validations</c>) are not evaluated.
/// </summary>
internal static class StructuralSchemaChecker
{
    private static readonly HashSet<string> s_metadataFields =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    public static SchemaReport Check(JsonObject obj, JsonObject? schema, bool preserveUnknownAtRoot)
    {
        var report = new SchemaReport();
        if (obj["metadata"] is JsonObject metadata)
        {
            foreach (var key in metadata.Select(p => p.Key).Where(k => !s_metadataFields.Contains(k)).ToList())
            {
                report.UnknownFields.Add("metadata." + key);
                metadata.Remove(key);
            }
        }

        if (schema is null)
        {
            return report;
        }

        var properties = schema.Obj("properties");
        foreach (var (key, value) in obj.ToList())
        {
            if (key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if (properties?[key] is JsonObject child)
            {
                Walk(value, child, key, report);
            }
            else if (!preserveUnknownAtRoot && schema.Bool("x-kubernetes-preserve-unknown-fields") != true)
            {
                report.UnknownFields.Add(key);
                obj.Remove(key);
            }
        }

        ValueChecks(obj, schema, string.Empty, report, checkRequired: true);
        return report;
    }

    private static void Walk(JsonNode? node, JsonObject schema, string path, SchemaReport report)
    {
        if (node is null)
        {
            if (schema.Bool("nullable") != true && schema["default"] is null)
            {
                report.Causes.Add(StatusCause.TypeInvalid(path, "null", $"{path} in body must be of type {schema.Str("type") ?? "object"}: \"null\""));
            }

            return;
        }

        if (!TypeMatches(node, schema, path, report))
        {
            return;
        }

        if (node is JsonObject obj)
        {
            var properties = schema.Obj("properties");
            var additional = schema["additionalProperties"] as JsonObject;
            var preserve = schema.Bool("x-kubernetes-preserve-unknown-fields") == true || schema.Bool("additionalProperties") == true;
            foreach (var (key, value) in obj.ToList())
            {
                var childPath = $"{path}.{key}";
                if (properties?[key] is JsonObject child)
                {
                    Walk(value, child, childPath, report);
                }
                else if (additional is not null)
                {
                    Walk(value, additional, childPath, report);
                }
                else if (!preserve)
                {
                    report.UnknownFields.Add(childPath);
                    obj.Remove(key);
                }
            }
        }
        else if (node is JsonArray array && schema.Obj("items") is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Walk(array[i], items, $"{path}[{i}]", report);
            }
        }

        ValueChecks(node, schema, path, report, checkRequired: true);
    }

    private static bool TypeMatches(JsonNode node, JsonObject schema, string path, SchemaReport report)
    {
        if (schema.Bool("x-kubernetes-int-or-string") == true)
        {
            return node is JsonValue v && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.String || Fail(node, "integer or string");
        }

        var type = schema.Str("type");
        var ok = type switch
        {
            "object" => node is JsonObject,
            "array" => node is JsonArray,
            "string" => node is JsonValue s && s.GetValueKind() == JsonValueKind.String,
            "integer" => node is JsonValue i && JsonNumbers.IsInteger(i),
            "number" => node is JsonValue n && n.GetValueKind() == JsonValueKind.Number,
            "boolean" => node is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            _ => true,
        };
        return ok || Fail(node, type!);

        bool Fail(JsonNode value, string expected)
        {
            var shown = value is JsonValue jv && jv.GetValueKind() == JsonValueKind.String ? "string" : value is JsonObject ? "object" : value is JsonArray ? "array" : value.ToJsonString();
            report.Causes.Add(StatusCause.TypeInvalid(path, shown, $"{path} in body must be of type {expected}: \"{shown}\""));
            return false;
        }
    }

    /// <summary>Value validations: enum, bounds, lengths, pattern, required, and the oneOf/anyOf/allOf/not combinators.</summary>
    private static void ValueChecks(JsonNode node, JsonObject schema, string path, SchemaReport report, bool checkRequired)
    {
        var shownPath = path.Length == 0 ? "<root>" : path;
        if (schema.Arr("enum") is { } allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            var values = allowed.Select(a => a is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : a?.ToJsonString() ?? "null");
            report.Causes.Add(StatusCause.NotSupported(shownPath, Display(node), values));
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (schema.Int("maxLength") is { } maxLength && text.Length > maxLength)
            {
                report.Causes.Add(new StatusCause("FieldValueTooLong", $"Too long: may not be more than {maxLength} bytes", shownPath));
            }

            if (schema.Int("minLength") is { } minLength && text.Length < minLength)
            {
                report.Causes.Add(StatusCause.Invalid(shownPath, text, $"{shownPath} in body should be at least {minLength} chars long"));
            }

            if (schema.Str("pattern") is { } pattern && !SafeMatch(text, pattern))
            {
                report.Causes.Add(StatusCause.Invalid(shownPath, text, $"{shownPath} in body should match '{pattern}'"));
            }
        }

        if (node is JsonValue number && JsonNumbers.AsDouble(number) is { } d)
        {
            if (schema["maximum"] is JsonValue max && d > JsonNumbers.AsDouble(max))
            {
                report.Causes.Add(StatusCause.Invalid(shownPath, number.ToJsonString(), $"{shownPath} in body should be less than or equal to {max.ToJsonString()}"));
            }

            if (schema["minimum"] is JsonValue min && d < JsonNumbers.AsDouble(min))
            {
                report.Causes.Add(StatusCause.Invalid(shownPath, number.ToJsonString(), $"{shownPath} in body should be greater than or equal to {min.ToJsonString()}"));
            }
        }

        if (node is JsonArray array)
        {
            if (schema.Int("maxItems") is { } maxItems && array.Count > maxItems)
            {
                report.Causes.Add(new StatusCause("FieldValueTooMany", $"Too many: {array.Count}: must have at most {maxItems} items", shownPath));
            }

            if (schema.Int("minItems") is { } minItems && array.Count < minItems)
            {
                report.Causes.Add(StatusCause.Invalid(shownPath, array.Count.ToString(CultureInfo.InvariantCulture), $"{shownPath} in body should have at least {minItems} items"));
            }
        }

        if (node is JsonObject obj && checkRequired)
        {
            foreach (var required in schema.Arr("required")?.Select(r => r?.GetValue<string>()).OfType<string>() ?? [])
            {
                if (!obj.ContainsKey(required))
                {
                    report.Causes.Add(StatusCause.Required(path.Length == 0 ? required : $"{path}.{required}"));
                }
            }
        }

        Combinators(node, schema, shownPath, report);
    }

    private static void Combinators(JsonNode node, JsonObject schema, string shownPath, SchemaReport report)
    {
        if (schema.Arr("oneOf") is { } oneOf)
        {
            var matching = oneOf.OfType<JsonObject>().Count(s => Passes(node, s));
            if (matching != 1)
            {
                report.Causes.Add(StatusCause.Invalid(shownPath, Display(node), matching == 0 ? $"{shownPath} in body must match exactly one schema in oneOf" : $"{shownPath} in body should match exactly one schema in oneOf"));
            }
        }

        if (schema.Arr("anyOf") is { } anyOf && !anyOf.OfType<JsonObject>().Any(s => Passes(node, s)))
        {
            report.Causes.Add(StatusCause.Invalid(shownPath, Display(node), $"{shownPath} in body must match at least one schema in anyOf"));
        }

        foreach (var sub in schema.Arr("allOf")?.OfType<JsonObject>() ?? [])
        {
            ValueChecks(node, sub, shownPath == "<root>" ? string.Empty : shownPath, report, checkRequired: true);
        }

        if (schema.Obj("not") is { } not && Passes(node, not))
        {
            report.Causes.Add(StatusCause.Invalid(shownPath, Display(node), $"{shownPath} in body must not match the schema in not"));
        }
    }

    private static bool Passes(JsonNode node, JsonObject schema)
    {
        var probe = new SchemaReport();
        ValueChecks(node, schema, "x", probe, checkRequired: true);
        return probe.Causes.Count == 0;
    }

    private static string Display(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node is JsonObject or JsonArray ? "object" : node.ToJsonString();

    private static bool SafeMatch(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }
}
