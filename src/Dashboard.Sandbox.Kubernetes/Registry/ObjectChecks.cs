using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Cluster;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Validation;

namespace Dashboard.Sandbox.Kubernetes.Registry;

/// <summary>The decode, prune and validate stages of a write, with the API server's status codes for each failure.</summary>
internal sealed class ObjectChecks(ClusterContext context)
{
    /// <summary>Checks apiVersion/kind against the endpoint, filling them in when absent (400 on mismatch).</summary>
    public static void TypeMeta(ResourceType type, JsonObject body)
    {
        var apiVersion = body.Str("apiVersion");
        var kind = body.Str("kind");
        if (apiVersion is not null && apiVersion != type.ApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        if (kind is not null && kind != type.Kind)
        {
            throw ApiException.BadRequest($"{kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: no kind \"{kind}\" is registered for version \"{type.ApiVersion}\"");
        }

        body["apiVersion"] = type.ApiVersion;
        body["kind"] = type.Kind;
    }

    /// <summary>Schema check and pruning: wrong types and strict unknown fields fail, other unknown fields become warnings.</summary>
    public SchemaReport Decode(ResourceType type, JsonObject body, FieldValidation validation, List<string> warnings)
    {
        if (body["metadata"] is not null and not JsonObject)
        {
            throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: json: cannot unmarshal into Go struct field {type.Kind}.metadata of type v1.ObjectMeta");
        }

        SchemaReport report;
        if (type.Custom is { } custom)
        {
            report = StructuralSchemaChecker.Check(body, custom.Schema, custom.PreserveUnknownFields);
        }
        else if (type.SchemaName is { } schemaName)
        {
            report = context.TypedChecker.Check(body, schemaName, type.Kind, type.Version);
            if (report.DecodeErrors.Count > 0)
            {
                throw ApiException.BadRequest(report.DecodeErrors[0]);
            }
        }
        else
        {
            report = new SchemaReport();
        }

        if (report.UnknownFields.Count > 0)
        {
            var texts = report.UnknownFields.Select(f => $"unknown field \"{f}\"").ToList();
            switch (validation)
            {
                case FieldValidation.Strict:
                    throw ApiException.BadRequest("strict decoding error: " + string.Join(", ", texts));
                case FieldValidation.Warn:
                    warnings.AddRange(texts);
                    break;
            }
        }

        return report;
    }

    /// <summary>Semantic validation of the final object (422 Invalid with every cause).</summary>
    public static void Validate(ResourceType type, JsonObject obj, JsonObject? previous, SchemaReport report)
    {
        var causes = new List<StatusCause>();
        MetadataRules.Validate(obj, type, causes);
        causes.AddRange(report.Causes);
        if (type.Custom is null)
        {
            BuiltInRules.Validate(type.Kind, obj, causes);
            if (type.Kind == "CustomResourceDefinition")
            {
                CrdRules.Validate(obj, causes);
            }
        }

        if (previous is not null)
        {
            UpdateRules.Validate(type.Kind, previous, obj, causes);
        }

        if (causes.Count > 0)
        {
            throw ApiException.Invalid(type.Group, type.Kind, obj.Str("metadata", "name") ?? string.Empty, causes.DistinctBy(c => (c.Field, c.Message)).ToList());
        }
    }

    /// <summary>Whether writes to the kind maintain <c>metadata.generation</c>.</summary>
    public static bool HasGeneration(ResourceType type) =>
        type.Custom is not null || type.Plural is "deployments" or "replicasets" or "ingresses" or "customresourcedefinitions";

    /// <summary>Whether the desired state changed (anything but metadata and status), which bumps the generation.</summary>
    public static bool SpecChanged(JsonObject previous, JsonObject updated)
    {
        foreach (var key in previous.Select(p => p.Key).Union(updated.Select(p => p.Key)))
        {
            if (key is "metadata" or "status" or "apiVersion" or "kind")
            {
                continue;
            }

            if (!JsonNode.DeepEquals(previous[key], updated[key]))
            {
                return true;
            }
        }

        return false;
    }
}
