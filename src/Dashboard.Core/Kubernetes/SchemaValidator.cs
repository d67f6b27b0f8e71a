using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Core.Kubernetes;

/// <summary>
/// Validates generated objects against the schemas shipped in the repository, before anything is sent: the Kubernetes
/// 1.35 OpenAPI v3 documents for built-in kinds, Istio 1.30.3's CRD schemas for Istio kinds (every served version),
/// and two small schemas written from the upstream definitions for what those files no longer carry
/// (authentication.istio.io/v1alpha1 Policy of Istio 1.4, extensions/v1beta1 Ingress). Checks types, required
/// fields, enums, unknown fields (as the API server's strict field validation), int-or-string and base64 values.
/// CEL rules are not evaluated. This is the setup's own validator: it shares no code with the sandbox's API server.
/// </summary>
public sealed class SchemaValidator
{
    private static readonly Lazy<SchemaValidator> s_shared = new(() => new SchemaValidator());
    private readonly Dictionary<string, JsonObject> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _crdSchemas = new(StringComparer.Ordinal);

    private SchemaValidator()
    {
        foreach (var file in new[] { "k8s-openapi-v3-api__v1_openapi.json", "k8s-openapi-v3-apis__apps__v1_openapi.json", "k8s-openapi-v3-apis__networking.k8s.io__v1_openapi.json" })
        {
            var document = JsonNode.Parse(Read(file))!.AsObject();
            foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject())
            {
                _components.TryAdd(name, schema!.AsObject());
            }
        }

        LoadCrds(Read("istio-crds.yaml"));
        LoadCrds(Read("legacy-schemas.yaml"));
    }

    /// <summary>The validator over the embedded schemas (loaded once, on first use).</summary>
    public static SchemaValidator Shared => s_shared.Value;

    /// <summary>Every problem of <paramref name="manifest"/> as <c>path: message</c>; empty when it validates.</summary>
    public IReadOnlyList<string> Validate(JsonObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var apiVersion = manifest["apiVersion"]?.GetValue<string>() ?? "";
        var kind = manifest["kind"]?.GetValue<string>() ?? "";
        var problems = new List<string>();
        var schema = SchemaFor(apiVersion, kind);
        if (schema is null)
        {
            return [$"no schema for {apiVersion} {kind} in the repository: it cannot be validated"];
        }

        Check(manifest, schema, "", problems, isRoot: true);
        if (manifest["metadata"]?["name"] is null)
        {
            problems.Add("metadata.name: required");
        }

        return problems;
    }

    private JsonObject? SchemaFor(string apiVersion, string kind)
    {
        var (group, version) = ResourceKind.Split(apiVersion);
        if (_crdSchemas.TryGetValue($"{group}/{version}/{kind}", out var crd))
        {
            return crd;
        }

        var builtIn = (group, kind) switch
        {
            ("", _) => $"io.k8s.api.core.v1.{kind}",
            ("apps", _) => $"io.k8s.api.apps.v1.{kind}",
            ("networking.k8s.io", _) => $"io.k8s.api.networking.v1.{kind}",
            _ => null,
        };
        return builtIn is not null && version == "v1" && _components.TryGetValue(builtIn, out var schema) ? schema : null;
    }

    private void Check(JsonNode? value, JsonObject schema, string path, List<string> problems, bool isRoot = false)
    {
        schema = Resolve(schema);
        if (value is null)
        {
            return;
        }

        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true || schema["format"]?.GetValue<string>() == "int-or-string")
        {
            if (value is not JsonValue v || (v.GetValueKind() is not JsonValueKind.Number and not JsonValueKind.String))
            {
                problems.Add($"{Show(path)}: must be an integer or a string");
            }

            return;
        }

        var type = schema["type"]?.GetValue<string>();
        switch (type)
        {
            case "object":
            case null when schema["properties"] is not null:
                if (value is not JsonObject obj)
                {
                    problems.Add($"{Show(path)}: must be an object");
                    return;
                }

                CheckObject(obj, schema, path, problems, isRoot);
                return;
            case "array":
                if (value is not JsonArray array)
                {
                    problems.Add($"{Show(path)}: must be a list");
                    return;
                }

                if (schema["items"] is JsonObject items)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Check(array[i], items, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), problems);
                    }
                }

                return;
            case "string":
                if (value is not JsonValue s || s.GetValueKind() != JsonValueKind.String)
                {
                    problems.Add($"{Show(path)}: must be a string");
                    return;
                }

                if (schema["format"]?.GetValue<string>() == "byte" && !IsBase64(s.GetValue<string>()))
                {
                    problems.Add($"{Show(path)}: must be base64");
                }

                CheckEnum(s, schema, path, problems);
                return;
            case "integer":
            case "number":
                if (value is not JsonValue n || n.GetValueKind() != JsonValueKind.Number || (type == "integer" && !long.TryParse(n.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
                {
                    problems.Add($"{Show(path)}: must be {(type == "integer" ? "an integer" : "a number")}");
                }

                return;
            case "boolean":
                if (value is not JsonValue b || b.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{Show(path)}: must be true or false");
                }

                return;
            default:
                return;
        }
    }

    private void CheckObject(JsonObject obj, JsonObject schema, string path, List<string> problems, bool isRoot)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        var preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        foreach (var required in schema["required"] as JsonArray ?? [])
        {
            var name = required!.GetValue<string>();
            if (!obj.ContainsKey(name))
            {
                problems.Add($"{Show(Join(path, name))}: required");
            }
        }

        foreach (var (key, child) in obj)
        {
            if (properties?[key] is JsonObject propertySchema)
            {
                // CRD schemas describe metadata as a bare object; the built-in ObjectMeta applies to every kind.
                var effective = isRoot && key == "metadata" && _components.TryGetValue("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", out var meta) ? meta : propertySchema;
                Check(child, effective, Join(path, key), problems);
            }
            else if (isRoot && key is "apiVersion" or "kind" or "metadata")
            {
                if (key == "metadata" && _components.TryGetValue("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", out var meta))
                {
                    Check(child, meta, key, problems);
                }
            }
            else if (additional is JsonObject additionalSchema)
            {
                Check(child, additionalSchema, Join(path, key), problems);
            }
            else if (!preserve && additional is not JsonValue)
            {
                problems.Add($"{Show(Join(path, key))}: unknown field \"{key}\"");
            }
        }
    }

    private static void CheckEnum(JsonValue value, JsonObject schema, string path, List<string> problems)
    {
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            problems.Add($"{Show(path)}: \"{value.GetValue<string>()}\" is not one of {string.Join(", ", allowed.Select(a => a?.ToJsonString()))}");
        }
    }

    private JsonObject Resolve(JsonObject schema)
    {
        for (var depth = 0; depth < 16; depth++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = _components[reference[(reference.LastIndexOf('/') + 1)..]];
            }
            else if (schema["allOf"] is JsonArray { Count: 1 } all && all[0] is JsonObject single && schema["properties"] is null)
            {
                schema = single;
            }
            else
            {
                return schema;
            }
        }

        return schema;
    }

    private void LoadCrds(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        foreach (var document in stream.Documents)
        {
            if (ToJson(document.RootNode) is not JsonObject crd || crd["kind"]?.GetValue<string>() != "CustomResourceDefinition")
            {
                continue;
            }

            var group = crd["spec"]?["group"]?.GetValue<string>();
            var kind = crd["spec"]?["names"]?["kind"]?.GetValue<string>();
            foreach (var version in crd["spec"]?["versions"] as JsonArray ?? [])
            {
                if (version?["schema"]?["openAPIV3Schema"] is JsonObject schema)
                {
                    _crdSchemas[$"{group}/{version["name"]!.GetValue<string>()}/{kind}"] = schema;
                }
            }
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted or YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" or "~" or "" => null,
            _ when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ => JsonValue.Create(text),
        };
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Show(string path) => path.Length == 0 ? "(object)" : path;

    private static string Read(string name)
    {
        var assembly = typeof(SchemaValidator).Assembly;
        using var stream = assembly.GetManifestResourceStream("Kubernetes.Schemas." + name)
            ?? throw new InvalidOperationException($"The schema file {name} is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
