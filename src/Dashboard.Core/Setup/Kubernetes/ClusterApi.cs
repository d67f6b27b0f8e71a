using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dashboard.Core.Setup.Kubernetes;

/// <summary>The Kubernetes API refused a request; the message names the object and the API's reason.</summary>
public sealed class KubernetesApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubernetesApiException(string message, int status, IReadOnlyList<(string Field, string Message)> causes, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        Causes = causes;
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesApiException()
        : this("The Kubernetes API refused the request.", 0, [])
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesApiException(string message)
        : this(message, 0, [])
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesApiException(string message, Exception inner)
        : this(message, 0, [], inner)
    {
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The Status object's causes (field and message), e.g. field-manager conflicts.</summary>
    public IReadOnlyList<(string Field, string Message)> Causes { get; }
}

/// <summary>
/// The setup's narrow view of a cluster: read, server-side apply, delete and list any object as JSON, through
/// KubernetesClient (typed operations for the core group, the generic custom-object operations for every other
/// group, which serve built-in groups such as apps and networking.k8s.io at the same paths).
/// </summary>
public sealed class ClusterApi(IKubernetes client)
{
    /// <summary>The one field manager the dashboard writes with.</summary>
    public const string FieldManager = "iks-istio-mtls-dashboard";

    /// <summary>The underlying client.</summary>
    public IKubernetes Client => client;

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        try
        {
            return kind.Group.Length == 0 ? ToJson(await GetCoreAsync(kind, ns, name, cancellationToken)) : await GetCustomAsync(kind, ns, name, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Wrap(e, "read", new ObjectRef(kind, ns, name));
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
            if (kind.Group.Length > 0)
            {
                var result = ns is null
                    ? await client.CustomObjects.PatchClusterCustomObjectAsync(patch, kind.Group, kind.Version, kind.Plural, name, fieldManager: FieldManager, force: force, cancellationToken: cancellationToken)
                    : await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, kind.Group, kind.Version, ns, kind.Plural, name, fieldManager: FieldManager, force: force, cancellationToken: cancellationToken);
                return ToJson(result)!;
            }

            object typed = kind.Plural switch
            {
                "namespaces" => await client.CoreV1.PatchNamespaceAsync(patch, name, fieldManager: FieldManager, force: force, cancellationToken: cancellationToken),
                "secrets" => await client.CoreV1.PatchNamespacedSecretAsync(patch, name, ns, fieldManager: FieldManager, force: force, cancellationToken: cancellationToken),
                "services" => await client.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, fieldManager: FieldManager, force: force, cancellationToken: cancellationToken),
                "serviceaccounts" => await client.CoreV1.PatchNamespacedServiceAccountAsync(patch, name, ns, fieldManager: FieldManager, force: force, cancellationToken: cancellationToken),
                _ => throw new NotSupportedException($"Applying core resource '{kind.Plural}' is not supported."),
            };
            return ToJson(typed)!;
        }
        catch (HttpOperationException e)
        {
            throw Wrap(e, "apply", new ObjectRef(kind, ns, name));
        }
    }

    /// <summary>Deletes the object; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        try
        {
            if (kind.Group.Length > 0)
            {
                _ = ns is null
                    ? await client.CustomObjects.DeleteClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, name, cancellationToken: cancellationToken)
                    : await client.CustomObjects.DeleteNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken: cancellationToken);
                return true;
            }

            _ = kind.Plural switch
            {
                "namespaces" => (object)await client.CoreV1.DeleteNamespaceAsync(name, cancellationToken: cancellationToken),
                "secrets" => await client.CoreV1.DeleteNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken),
                "services" => await client.CoreV1.DeleteNamespacedServiceAsync(name, ns, cancellationToken: cancellationToken),
                "serviceaccounts" => await client.CoreV1.DeleteNamespacedServiceAccountAsync(name, ns, cancellationToken: cancellationToken),
                _ => throw new NotSupportedException($"Deleting core resource '{kind.Plural}' is not supported."),
            };
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (HttpOperationException e)
        {
            throw Wrap(e, "delete", new ObjectRef(kind, ns, name));
        }
    }

    /// <summary>Objects of a kind (in a namespace, or all), optionally filtered by a label selector.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(ResourceKind kind, string? ns, string? labelSelector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        try
        {
            if (kind.Group.Length > 0)
            {
                var list = ns is null
                    ? await client.CustomObjects.ListClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken)
                    : await client.CustomObjects.ListNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken);
                return [.. (ToJson(list)?["items"] as JsonArray ?? []).OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone())];
            }

            object typed = kind.Plural switch
            {
                "pods" => await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken),
                "secrets" => await client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken),
                "services" => await client.CoreV1.ListNamespacedServiceAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken),
                "serviceaccounts" => await client.CoreV1.ListNamespacedServiceAccountAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken),
                "configmaps" => await client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken),
                "persistentvolumeclaims" => await client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken),
                "replicationcontrollers" => await client.CoreV1.ListNamespacedReplicationControllerAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken),
                "resourcequotas" => await client.CoreV1.ListNamespacedResourceQuotaAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken),
                "limitranges" => await client.CoreV1.ListNamespacedLimitRangeAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken),
                "podtemplates" => await client.CoreV1.ListNamespacedPodTemplateAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken),
                _ => throw new NotSupportedException($"Listing core resource '{kind.Plural}' is not supported."),
            };
            return [.. (ToJson(typed)?["items"] as JsonArray ?? []).OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone())];
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
        catch (HttpOperationException e)
        {
            throw Wrap(e, "list", new ObjectRef(kind, ns, "*"));
        }
    }

    /// <summary><c>kubectl delete pod -l &lt;selector&gt; -n &lt;ns&gt;</c>.</summary>
    public async Task DeletePodsAsync(string ns, string labelSelector, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.DeleteCollectionNamespacedPodAsync(ns, labelSelector: labelSelector, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e)
        {
            throw Wrap(e, "delete", new ObjectRef(ResourceKind.Pod, ns, labelSelector));
        }
    }

    /// <summary>The API groups and versions the cluster serves (discovery, one request).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ServedGroupsAsync(CancellationToken cancellationToken)
    {
        var groups = await client.Apis.GetAPIVersionsAsync(cancellationToken);
        return groups.Groups.ToDictionary(g => g.Name, g => (IReadOnlyList<string>)[.. g.Versions.Select(v => v.Version)], StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether <paramref name="group"/>/<paramref name="version"/> serves <paramref name="plural"/>, from discovery (no
    /// permission on the resource needed): group discovery alone cannot tell, since Istio 1.4 served
    /// security.istio.io/v1beta1 without PeerAuthentication.
    /// </summary>
    public async Task<bool> ServesResourceAsync(string group, string version, string plural, CancellationToken cancellationToken) =>
        (await ResourcesAsync(group, version, cancellationToken))?.Resources.Any(r => r.Name == plural) == true;

    /// <summary>
    /// Every namespaced kind that can be listed, at each group's preferred version (<c>kubectl api-resources
    /// --namespaced --verbs=list</c>); of the core group, the kinds <see cref="ListAsync"/> reads. Groups whose
    /// discovery fails (an aggregated API that is down) are left out.
    /// </summary>
    public async Task<IReadOnlyList<ResourceKind>> NamespacedKindsAsync(CancellationToken cancellationToken)
    {
        var kinds = new List<ResourceKind>();
        try
        {
            var core = await client.CoreV1.GetAPIResourcesAsync(cancellationToken);
            kinds.AddRange(core.Resources.Where(r => Listable(r) && s_coreListable.Contains(r.Name)).Select(r => new ResourceKind("", "v1", r.Name, r.Kind, true)));
            var groups = await client.Apis.GetAPIVersionsAsync(cancellationToken);
            foreach (var group in groups.Groups)
            {
                var version = group.PreferredVersion?.Version ?? group.Versions[0].Version;
                var resources = await ResourcesAsync(group.Name, version, cancellationToken, tolerateFailure: true);
                kinds.AddRange((resources?.Resources ?? []).Where(Listable).Select(r => new ResourceKind(group.Name, version, r.Name, r.Kind, true)));
            }
        }
        catch (HttpOperationException e)
        {
            throw Wrap(e, "discover", new ObjectRef(ResourceKind.Namespace, null, "*"));
        }

        return kinds;
    }

    private static readonly HashSet<string> s_coreListable = new(StringComparer.Ordinal)
    {
        "pods", "secrets", "services", "serviceaccounts", "configmaps", "persistentvolumeclaims", "replicationcontrollers", "resourcequotas", "limitranges", "podtemplates",
    };

    private static bool Listable(V1APIResource resource) => resource.Namespaced && !resource.Name.Contains('/', StringComparison.Ordinal) && resource.Verbs.Contains("list");

    private async Task<V1APIResourceList?> ResourcesAsync(string group, string version, CancellationToken cancellationToken, bool tolerateFailure = false)
    {
        try
        {
            return await client.CustomObjects.GetAPIResourcesAsync(group, version, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound || tolerateFailure)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Wrap(e, "discover", new ObjectRef(new ResourceKind(group, version, "", "", false), null, "*"));
        }
    }

    private async Task<object> GetCoreAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken) => kind.Plural switch
    {
        "namespaces" => await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken),
        "secrets" => await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken),
        "services" => await client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: cancellationToken),
        "serviceaccounts" => await client.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: cancellationToken),
        _ => throw new NotSupportedException($"Reading core resource '{kind.Plural}' is not supported."),
    };

    private async Task<JsonObject?> GetCustomAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken) => ToJson(ns is null
        ? await client.CustomObjects.GetClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, name, cancellationToken)
        : await client.CustomObjects.GetNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken));

    private static JsonObject? ToJson(object? value) => value switch
    {
        null => null,
        JsonElement element => JsonNode.Parse(element.GetRawText()) as JsonObject,
        JsonObject json => json,
        _ => JsonNode.Parse(KubernetesJson.Serialize(value)) as JsonObject,
    };

    private static KubernetesApiException Wrap(HttpOperationException e, string verb, ObjectRef target)
    {
        var status = (int)e.Response.StatusCode;
        string? reason = null;
        var causes = new List<(string, string)>();
        try
        {
            if (JsonNode.Parse(e.Response.Content ?? "") is JsonObject body)
            {
                reason = body["message"]?.GetValue<string>();
                foreach (var cause in body["details"]?["causes"] as JsonArray ?? [])
                {
                    causes.Add((cause?["field"]?.GetValue<string>() ?? "", cause?["message"]?.GetValue<string>() ?? ""));
                }
            }
        }
        catch (JsonException)
        {
            // Not a Status object: the status code says enough.
        }

        return new KubernetesApiException($"The Kubernetes API refused to {verb} {target}: HTTP {status}{(reason is null ? "" : ": " + reason)}", status, causes, e);
    }
}
