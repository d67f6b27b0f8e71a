using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dashboard.Core.Kubernetes;

/// <summary>
/// The dashboard's access to a cluster: read, list, watch, server-side apply and delete any object, as JSON or as a
/// KubernetesClient model. Every kind goes through KubernetesClient's generic object operations, which serve the core
/// group (<c>/api/v1</c>) and every named group alike, so a new kind needs no code here, only a <see cref="ResourceKind"/>.
/// Refusals become <see cref="KubernetesApiException"/> naming the object; "not found" is null (get), empty (list) or
/// false (delete). It knows nothing of the setup or its steps.
/// </summary>
public sealed partial class ClusterApi(IKubernetes client)
{
    /// <summary>The one field manager the dashboard writes with.</summary>
    public const string FieldManager = "iks-istio-mtls-dashboard";

    /// <summary>The underlying client.</summary>
    public IKubernetes Client => client;

    private ICustomObjectsOperations Objects => client.CustomObjects;

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        try
        {
            return ToJson(ns is null
                ? await Objects.GetClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, name, cancellationToken)
                : await Objects.GetNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw KubernetesApiException.From(e, "read", new ObjectRef(kind, ns, name));
        }
    }

    /// <summary>Server-side apply of <paramref name="manifest"/> with <see cref="FieldManager"/>; <paramref name="force"/> takes over conflicting fields.</summary>
    public async Task<JsonObject> ApplyAsync(ResourceKind kind, JsonObject manifest, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(manifest);
        var name = manifest["metadata"]?["name"]?.GetValue<string>() ?? throw new ArgumentException("The manifest has no metadata.name.", nameof(manifest));
        var ns = manifest["metadata"]?["namespace"]?.GetValue<string>();
        var patch = new V1Patch(manifest.ToJsonString(), V1Patch.PatchType.ApplyPatch);
        try
        {
            return ToJson(ns is null
                ? await Objects.PatchClusterCustomObjectAsync(patch, kind.Group, kind.Version, kind.Plural, name, fieldManager: FieldManager, force: force, cancellationToken: cancellationToken)
                : await Objects.PatchNamespacedCustomObjectAsync(patch, kind.Group, kind.Version, ns, kind.Plural, name, fieldManager: FieldManager, force: force, cancellationToken: cancellationToken))!;
        }
        catch (HttpOperationException e)
        {
            throw KubernetesApiException.From(e, "apply", new ObjectRef(kind, ns, name));
        }
    }

    /// <summary>Deletes the object; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        try
        {
            _ = ns is null
                ? await Objects.DeleteClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, name, cancellationToken: cancellationToken)
                : await Objects.DeleteNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (HttpOperationException e)
        {
            throw KubernetesApiException.From(e, "delete", new ObjectRef(kind, ns, name));
        }
    }

    /// <summary>Deletes every object of a kind in <paramref name="ns"/> matching <paramref name="labelSelector"/> (<c>kubectl delete pod -l …</c>).</summary>
    public async Task DeleteAllAsync(ResourceKind kind, string ns, string labelSelector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        try
        {
            await Objects.DeleteCollectionNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e)
        {
            throw KubernetesApiException.From(e, "delete", new ObjectRef(kind, ns, labelSelector));
        }
    }

    /// <summary>Objects of a kind (in a namespace, or in all), optionally filtered by a label selector; empty when the kind is not served.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(ResourceKind kind, string? ns, string? labelSelector, CancellationToken cancellationToken) =>
        (await ListWithVersionAsync(kind, ns, labelSelector, cancellationToken)).Items;

    /// <summary>Like <see cref="ListAsync"/>, with the list's resourceVersion (where a watch of the same objects starts).</summary>
    public async Task<(IReadOnlyList<JsonObject> Items, string? ResourceVersion)> ListWithVersionAsync(ResourceKind kind, string? ns, string? labelSelector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        try
        {
            var list = ToJson(ns is null
                ? await Objects.ListClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken)
                : await Objects.ListNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken));
            IReadOnlyList<JsonObject> items = [.. (list?["items"] as JsonArray ?? []).OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone())];
            return (items, list?["metadata"]?["resourceVersion"]?.GetValue<string>());
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return ([], null);
        }
        catch (HttpOperationException e)
        {
            throw KubernetesApiException.From(e, "list", new ObjectRef(kind, ns, "*"));
        }
    }

    private static JsonObject? ToJson(object? value) => value switch
    {
        null => null,
        JsonElement element => JsonNode.Parse(element.GetRawText()) as JsonObject,
        JsonObject json => json,
        _ => JsonNode.Parse(KubernetesJson.Serialize(value)) as JsonObject,
    };
}
