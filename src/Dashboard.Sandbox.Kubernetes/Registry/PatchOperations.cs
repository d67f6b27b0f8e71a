using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Cluster;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Patching;
using YamlDotNet.Core;

namespace Dashboard.Sandbox.Kubernetes.Registry;

/// <summary>PATCH: JSON patch, merge patch, strategic merge patch (built-in kinds) and server-side apply.</summary>
internal sealed class PatchOperations(ApiOperations operations)
{
    public const string JsonPatchType = "application/json-patch+json";
    public const string MergePatchType = "application/merge-patch+json";
    public const string StrategicPatchType = "application/strategic-merge-patch+json";
    public const string ApplyPatchType = "application/apply-patch+yaml";

    private ClusterContext Context => operations.Context;

    public WriteResult Patch(ResourceType type, string? ns, string name, string contentType, byte[] body, WriteOptions options)
    {
        var accepted = type.Custom is null
            ? new[] { JsonPatchType, MergePatchType, ApplyPatchType, StrategicPatchType }
            : [JsonPatchType, MergePatchType, ApplyPatchType];
        if (!accepted.Contains(contentType))
        {
            throw ApiException.UnsupportedMediaType(contentType, accepted);
        }

        if (contentType == ApplyPatchType)
        {
            return Apply(type, ns, name, body, options);
        }

        if (options.Force)
        {
            throw ApiException.Invalid("meta.k8s.io", "PatchOptions", string.Empty, [StatusCause.Forbidden("force", "may not be specified for non-apply patch")]);
        }

        JsonNode? patch;
        try
        {
            patch = JsonText.Parse(body);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest(e.Message);
        }

        for (var attempt = 1; ; attempt++)
        {
            var existing = Context.Store.Get(type.GroupResource, ns ?? string.Empty, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
            var current = (JsonObject)ObjectViews.AtVersion(existing.Object, type).DeepClone();
            var patched = contentType switch
            {
                JsonPatchType => JsonPatch.Apply(current, patch),
                MergePatchType => patch is JsonObject ? JsonMergePatch.Apply(current, patch) : throw ApiException.BadRequest("json: cannot unmarshal into Go value of type map[string]interface {}"),
                _ => StrategicMergePatch.Apply(current, patch, Context.SchemaFor(type)),
            } as JsonObject ?? throw PatchErrors.CannotApply("the patch produced a value that is not an object");

            var explicitVersion = patched.Str("metadata", "resourceVersion") is { } rv && rv != existing.ResourceVersion.ToString(CultureInfo.InvariantCulture)
                ? rv
                : null;
            if (explicitVersion is null)
            {
                patched.Metadata()["resourceVersion"] = existing.ResourceVersion.ToString(CultureInfo.InvariantCulture);
            }

            try
            {
                return operations.Update(type, ns, name, patched, options);
            }
            catch (ApiException e) when (e.Code == 409 && e.Reason == "Conflict" && explicitVersion is null && attempt < 5)
            {
                // The object changed between read and write: re-apply the patch to the newer version, as the real server does.
            }
        }
    }

    private WriteResult Apply(ResourceType type, string? ns, string name, byte[] body, WriteOptions options)
    {
        if (string.IsNullOrEmpty(options.FieldManager))
        {
            throw ApiException.Invalid("meta.k8s.io", "PatchOptions", string.Empty, [StatusCause.Required("fieldManager", "is required for apply patch")]);
        }

        JsonObject applied;
        try
        {
            applied = YamlToJson.ParseSingle(Encoding.UTF8.GetString(body)) as JsonObject
                ?? throw ApiException.BadRequest("error decoding YAML: the applied configuration is not an object");
        }
        catch (YamlException e)
        {
            throw ApiException.BadRequest("error decoding YAML: " + e.Message);
        }

        if (applied.Str("apiVersion") is null || applied.Str("kind") is null)
        {
            throw ApiException.BadRequest("invalid object type: " + (applied.Str("kind") is null ? "Object 'Kind' is missing" : "Object 'apiVersion' is missing"));
        }

        ObjectChecks.TypeMeta(type, applied);
        if (applied.Str("metadata", "name") is { } appliedName && appliedName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({appliedName}) does not match the name on the URL ({name})");
        }

        applied.Metadata()["name"] = name;
        for (var attempt = 1; ; attempt++)
        {
            var existing = Context.Store.Get(type.GroupResource, ns ?? string.Empty, name);
            var live = existing is null ? null : (JsonObject)ObjectViews.AtVersion(existing.Object, type).DeepClone();
            var merged = ServerSideApply.Apply(live, applied, options.FieldManager, options.Force, type.ApiVersion, Context.Time.GetUtcNow(), Context.SchemaFor(type), type.Group, type.Plural, name);
            var applyOptions = options with { ManagedFieldsSet = true };
            try
            {
                if (existing is null)
                {
                    merged.Metadata().Remove("resourceVersion");
                    return operations.Create(type, ns, merged, applyOptions);
                }

                merged.Metadata()["resourceVersion"] = existing.ResourceVersion.ToString(CultureInfo.InvariantCulture);
                return operations.Update(type, ns, name, merged, applyOptions);
            }
            catch (ApiException e) when (e.Code == 409 && e.Reason is "Conflict" or "AlreadyExists" && e.Details?.Causes is null && attempt < 5)
            {
                // Lost a race with another writer: apply again to the newer object.
            }
        }
    }
}
