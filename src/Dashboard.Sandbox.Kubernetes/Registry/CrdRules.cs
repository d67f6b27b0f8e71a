using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Selectors;

namespace Dashboard.Sandbox.Kubernetes.Registry;

/// <summary>CustomResourceDefinition defaulting, validation and the status the apiextensions controllers set.</summary>
internal static class CrdRules
{
    private static readonly string[] s_scopes = ["Cluster", "Namespaced"];

    public static void Default(JsonObject crd)
    {
        var names = crd.Ensure("spec").Ensure("names");
        if (names.Str("kind") is { } kind)
        {
            names["listKind"] ??= kind + "List";
            names["singular"] ??= kind.ToLowerInvariant();
        }

        crd.Ensure("spec").Ensure("conversion")["strategy"] ??= "None";
    }

    public static void Validate(JsonObject crd, List<StatusCause> causes)
    {
        var spec = crd.Obj("spec");
        var group = spec.Str("group") ?? string.Empty;
        var plural = spec.Str("names", "plural") ?? string.Empty;
        if (group.Length == 0)
        {
            causes.Add(StatusCause.Required("spec.group"));
        }
        else if (!group.Contains('.', StringComparison.Ordinal))
        {
            causes.Add(StatusCause.Invalid("spec.group", group, "should be a domain with at least one dot"));
        }

        if (plural.Length == 0)
        {
            causes.Add(StatusCause.Required("spec.names.plural"));
        }

        if (string.IsNullOrEmpty(spec.Str("names", "kind")))
        {
            causes.Add(StatusCause.Required("spec.names.kind"));
        }

        var name = crd.Str("metadata", "name") ?? string.Empty;
        if (plural.Length > 0 && group.Length > 0 && name != $"{plural}.{group}")
        {
            causes.Add(StatusCause.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }

        if (!s_scopes.Contains(spec.Str("scope") ?? string.Empty))
        {
            causes.Add(StatusCause.NotSupported("spec.scope", spec.Str("scope") ?? string.Empty, s_scopes));
        }

        var versions = spec.Arr("versions").Objects().ToList();
        if (versions.Count == 0)
        {
            causes.Add(StatusCause.Invalid("spec.versions", "null", "must have exactly one version marked as storage version"));
        }
        else if (versions.Count(v => v.Bool("storage") == true) != 1)
        {
            causes.Add(StatusCause.Invalid("spec.versions", "[]", "must have exactly one version marked as storage version"));
        }

        for (var i = 0; i < versions.Count; i++)
        {
            if (LabelRules.ValidateDns1035Label(versions[i].Str("name") ?? string.Empty) is { } problem)
            {
                causes.Add(StatusCause.Invalid($"spec.versions[{i}].name", versions[i].Str("name") ?? string.Empty, problem));
            }

            var schema = versions[i].Obj("schema", "openAPIV3Schema");
            if (schema is null)
            {
                causes.Add(StatusCause.Required($"spec.versions[{i}].schema.openAPIV3Schema", "schemas are required"));
            }
            else if (schema.Str("type") != "object")
            {
                causes.Add(StatusCause.Invalid($"spec.versions[{i}].schema.openAPIV3Schema.type", schema.Str("type") ?? string.Empty, "must be object at the root"));
            }
        }
    }

    /// <summary>The status of an accepted and established CRD.</summary>
    public static void SetEstablished(JsonObject crd, string timestamp)
    {
        var status = crd.Ensure("status");
        status["acceptedNames"] = crd.At("spec", "names")?.DeepClone();
        var storage = crd.Arr("spec", "versions").Objects().FirstOrDefault(v => v.Bool("storage") == true).Str("name");
        var stored = status.Arr("storedVersions")?.Select(v => v?.GetValue<string>()).OfType<string>().ToList() ?? [];
        if (storage is not null && !stored.Contains(storage))
        {
            stored.Add(storage);
        }

        status["storedVersions"] = new JsonArray(stored.Select(v => (JsonNode?)v).ToArray());
        if (status.Arr("conditions") is { Count: > 0 })
        {
            return;
        }

        status["conditions"] = new JsonArray(
            Condition("NamesAccepted", "NoConflicts", "no conflicts found", timestamp),
            Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", timestamp));
    }

    private static JsonObject Condition(string type, string reason, string message, string timestamp) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = timestamp,
        ["reason"] = reason,
        ["message"] = message,
    };
}
