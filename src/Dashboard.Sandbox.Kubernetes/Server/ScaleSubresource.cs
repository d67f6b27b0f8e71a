using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Cluster;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Patching;
using Dashboard.Sandbox.Kubernetes.Registry;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>The <c>scale</c> subresource of Deployments and ReplicaSets (autoscaling/v1 Scale).</summary>
internal sealed class ScaleSubresource(ClusterContext context, ApiOperations operations)
{
    public static JsonObject ToScale(JsonObject obj)
    {
        var selector = string.Join(",", obj.StringMap("spec", "selector", "matchLabels").Select(kv => $"{kv.Key}={kv.Value}"));
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = obj.Str("metadata", "name"),
                ["namespace"] = obj.Str("metadata", "namespace"),
                ["uid"] = obj.Str("metadata", "uid"),
                ["resourceVersion"] = obj.Str("metadata", "resourceVersion"),
                ["creationTimestamp"] = obj.Str("metadata", "creationTimestamp"),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj.Int("spec", "replicas") ?? 0 },
            ["status"] = new JsonObject { ["replicas"] = obj.Int("status", "replicas") ?? 0, ["selector"] = selector },
        };
    }

    public Task UpdateAsync(HttpContext http, ResourceType type, string? ns, string name, JsonObject scale, WriteOptions options) =>
        ApplyReplicasAsync(http, type, ns, name, scale.Int("spec", "replicas"), scale.Str("metadata", "resourceVersion"), options);

    public Task PatchAsync(HttpContext http, ResourceType type, string? ns, string name, string contentType, byte[] body, WriteOptions options)
    {
        var existing = context.Store.Get(type.GroupResource, ns ?? string.Empty, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
        JsonNode? patch;
        try
        {
            patch = JsonText.Parse(body);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest(e.Message);
        }

        var scale = ToScale(existing.Object);
        var patched = contentType switch
        {
            PatchOperations.JsonPatchType => JsonPatch.Apply(scale, patch),
            PatchOperations.MergePatchType or PatchOperations.StrategicPatchType => JsonMergePatch.Apply(scale, patch),
            _ => throw ApiException.UnsupportedMediaType(contentType, [PatchOperations.JsonPatchType, PatchOperations.MergePatchType, PatchOperations.StrategicPatchType]),
        };
        return ApplyReplicasAsync(http, type, ns, name, patched.Int("spec", "replicas"), null, options);
    }

    private async Task ApplyReplicasAsync(HttpContext http, ResourceType type, string? ns, string name, long? replicas, string? resourceVersion, WriteOptions options)
    {
        if (replicas is null or < 0)
        {
            throw ApiException.Invalid("autoscaling", "Scale", name, [StatusCause.Invalid("spec.replicas", replicas?.ToString(CultureInfo.InvariantCulture) ?? "null", "must be greater than or equal to 0")]);
        }

        var existing = context.Store.Get(type.GroupResource, ns ?? string.Empty, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
        var updated = existing.Clone();
        updated.Ensure("spec")["replicas"] = replicas;
        updated.Metadata()["resourceVersion"] = resourceVersion ?? existing.Object.Str("metadata", "resourceVersion");
        var result = operations.Update(type, ns, name, updated, options with { Subresource = null });
        await ResponseWriter.WriteJsonAsync(http, 200, ToScale(result.Object));
    }
}
