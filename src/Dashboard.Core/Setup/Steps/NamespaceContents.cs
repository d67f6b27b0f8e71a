using System.Text.Json.Nodes;
using Dashboard.Core.Setup.Ownership;

namespace Dashboard.Core.Setup.Steps;

/// <summary>What is left in a namespace that is not the setup's, nor a default every namespace gets.</summary>
internal static class NamespaceContents
{
    private static readonly HashSet<string> s_defaults = new(StringComparer.Ordinal) { "ConfigMap/kube-root-ca.crt", "ConfigMap/istio-ca-root-cert", "ServiceAccount/default" };

    // Records about other objects, kept by the cluster itself: never anyone's data.
    private static readonly HashSet<string> s_bookkeeping = new(StringComparer.Ordinal) { "Event", "Endpoints", "PodMetrics" };

    // Per-account keys Kubernetes (before 1.24) and Istio 1.4's Citadel create without an owner reference.
    private static readonly HashSet<string> s_accountSecretTypes = new(StringComparer.Ordinal) { "kubernetes.io/service-account-token", "istio.io/key-and-cert" };

    /// <summary>
    /// "Kind/name" of each object in <paramref name="ns"/> that someone else put there, across every namespaced kind
    /// the cluster serves (discovery), apart from the defaults every namespace gets and the cluster's own records.
    /// Objects owned by another object (pods of a ReplicaSet) count through their owner, which is listed too, so what
    /// the deletion of the setup's own objects leaves behind for the garbage collector does not.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ForeignAsync(StepContext context, string ns, CancellationToken cancellationToken)
    {
        var foreign = new List<string>();
        foreach (var kind in await context.Cluster.NamespacedKindsAsync(cancellationToken))
        {
            if (s_bookkeeping.Contains(kind.Kind))
            {
                continue;
            }

            foreach (var item in await context.Cluster.ListAsync(kind, ns, null, cancellationToken))
            {
                var name = $"{kind.Kind}/{item["metadata"]?["name"]?.GetValue<string>()}";
                if (!s_defaults.Contains(name) && !Owned(item) && OwnershipLabels.CreatedBySetup(item) != context.SetupId && item["metadata"]?["deletionTimestamp"] is null)
                {
                    foreign.Add(name);
                }
            }
        }

        return [.. foreign.Distinct(StringComparer.Ordinal)];
    }

    private static bool Owned(JsonObject item) => item["metadata"]?["ownerReferences"] is JsonArray { Count: > 0 }
        || (item["type"]?.GetValue<string>() is { } type && s_accountSecretTypes.Contains(type));
}
