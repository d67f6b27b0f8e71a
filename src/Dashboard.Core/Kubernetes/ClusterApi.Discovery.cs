using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dashboard.Core.Kubernetes;

/// <summary>What the cluster serves: API groups, the resources of a group version, the kinds a namespace can hold.</summary>
public sealed partial class ClusterApi
{
    private static readonly HashSet<string> s_coreListable = new(StringComparer.Ordinal)
    {
        "pods", "secrets", "services", "serviceaccounts", "configmaps", "persistentvolumeclaims", "replicationcontrollers", "resourcequotas", "limitranges", "podtemplates",
    };

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
    /// The kind <paramref name="kind"/> at <paramref name="apiVersion"/>: from <see cref="ResourceKind.Known"/> without a
    /// request, otherwise from the group version's discovery; null when the cluster does not serve it.
    /// </summary>
    public async Task<ResourceKind?> ResolveKindAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        if (ResourceKind.Known(apiVersion, kind) is { } known)
        {
            return known;
        }

        var (group, version) = ResourceKind.Split(apiVersion);
        var resource = (await ResourcesAsync(group, version, cancellationToken))?.Resources
            .FirstOrDefault(r => r.Kind == kind && !r.Name.Contains('/', StringComparison.Ordinal));
        return resource is null ? null : new ResourceKind(group, version, resource.Name, kind, resource.Namespaced);
    }

    /// <summary>
    /// Every namespaced kind that can be listed, at each group's preferred version (<c>kubectl api-resources
    /// --namespaced --verbs=list</c>); of the core group, the kinds a namespace's users put there. Groups whose
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
            throw KubernetesApiException.From(e, "discover", new ObjectRef(ResourceKind.Namespace, null, "*"));
        }

        return kinds;
    }

    private static bool Listable(V1APIResource resource) => resource.Namespaced && !resource.Name.Contains('/', StringComparison.Ordinal) && resource.Verbs.Contains("list");

    private async Task<V1APIResourceList?> ResourcesAsync(string group, string version, CancellationToken cancellationToken, bool tolerateFailure = false)
    {
        try
        {
            return group.Length == 0 ? await client.CoreV1.GetAPIResourcesAsync(cancellationToken) : await client.CustomObjects.GetAPIResourcesAsync(group, version, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound || tolerateFailure)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw KubernetesApiException.From(e, "discover", new ObjectRef(new ResourceKind(group, version, "", "", false), null, "*"));
        }
    }
}
