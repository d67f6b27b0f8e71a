using System.Text.Json.Nodes;
using Dashboard.Core.Setup.Kubernetes;
using Dashboard.Core.Setup.Ownership;

namespace Dashboard.Core.Setup.Steps;

/// <summary>What is left in a namespace that is not the setup's, nor a default every namespace gets.</summary>
internal static class NamespaceContents
{
    private static readonly HashSet<string> s_defaults = new(StringComparer.Ordinal) { "ConfigMap/kube-root-ca.crt", "ConfigMap/istio-ca-root-cert", "ServiceAccount/default" };

    /// <summary>
    /// "Kind/name" of each object in <paramref name="ns"/> that someone else put there, among the kinds a workload
    /// or a mesh configuration is made of. Objects owned by another object (pods of a ReplicaSet, tokens of a service
    /// account) count through their owner, so garbage the deletion of the setup's own objects leaves behind does not.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ForeignAsync(StepContext context, string ns, CancellationToken cancellationToken)
    {
        var apis = context.Profile.Apis;
        var kinds = new List<ResourceKind>
        {
            ResourceKind.Deployment, ResourceKind.Pod, ResourceKind.Service, ResourceKind.ServiceAccount, ResourceKind.Secret, ResourceKind.ConfigMap,
            ResourceKind.Ingress(apis.Ingress),
            ResourceKind.Istio("Gateway", apis.Networking), ResourceKind.Istio("VirtualService", apis.Networking), ResourceKind.Istio("DestinationRule", apis.Networking),
            apis.Security is { } security ? ResourceKind.PeerAuthentication(security) : ResourceKind.Policy,
        };
        var foreign = new List<string>();
        foreach (var kind in kinds)
        {
            foreach (var item in await context.Cluster.ListAsync(kind, ns, null, cancellationToken))
            {
                var name = $"{kind.Kind}/{item["metadata"]?["name"]?.GetValue<string>()}";
                if (!s_defaults.Contains(name) && !Owned(item) && OwnershipLabels.CreatedBySetup(item) != context.SetupId && item["metadata"]?["deletionTimestamp"] is null)
                {
                    foreign.Add(name);
                }
            }
        }

        return foreign;
    }

    private static bool Owned(JsonObject item) => item["metadata"]?["ownerReferences"] is JsonArray { Count: > 0 };
}
