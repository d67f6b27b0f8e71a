using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Registry;

namespace Dashboard.Sandbox.Kubernetes.Controllers;

/// <summary>The replicaset controller: keeps the number of live pods at <c>spec.replicas</c> and reports their readiness.</summary>
internal sealed class ReplicaSetController(ControllerClient client, EventRecorder events)
{
    private const string Manager = "kube-controller-manager";

    public void Reconcile(string ns, string name)
    {
        var replicaSets = client.Type("apps", "replicasets");
        var pods = client.Type(string.Empty, "pods");
        var stored = client.Get(replicaSets, ns, name);
        if (stored is null || stored.IsDeleting)
        {
            return;
        }

        var replicaSet = stored.Object;
        var desired = replicaSet.Int("spec", "replicas") ?? 1;
        var live = client.Owned(stored.Uid, pods).Where(p => !p.IsDeleting).ToList();
        for (var i = live.Count; i < desired; i++)
        {
            var pod = NewPod(replicaSet, ns);
            if (client.Create(pods, ns, pod, Manager) is { } created)
            {
                events.Normal(replicaSet, "SuccessfulCreate", $"Created pod: {created.Str("metadata", "name")}", "replicaset-controller");
            }
        }

        foreach (var extra in live.OrderByDescending(p => p.Object.Str("metadata", "creationTimestamp"), StringComparer.Ordinal).ThenByDescending(p => p.ResourceVersion).Take(Math.Max(0, live.Count - (int)desired)))
        {
            client.Delete(pods, ns, extra.Name);
            events.Normal(replicaSet, "SuccessfulDelete", $"Deleted pod: {extra.Name}", "replicaset-controller");
        }

        var current = client.Owned(stored.Uid, pods).Where(p => !p.IsDeleting).ToList();
        var ready = current.Count(p => p.Object.Arr("status", "conditions").Objects().Any(c => c.Str("type") == "Ready" && c.Str("status") == "True"));
        var status = new JsonObject();
        if (current.Count > 0)
        {
            status["replicas"] = current.Count;
            status["fullyLabeledReplicas"] = current.Count;
        }
        else
        {
            status["replicas"] = 0;
        }

        if (ready > 0)
        {
            status["readyReplicas"] = ready;
            status["availableReplicas"] = ready;
        }

        status["observedGeneration"] = replicaSet.Int("metadata", "generation") ?? 1;
        if (!JsonNode.DeepEquals(replicaSet["status"], status))
        {
            var updated = stored.Clone();
            updated["status"] = status;
            client.Update(replicaSets, updated, Manager, status: true);
        }
    }

    private static JsonObject NewPod(JsonObject replicaSet, string ns)
    {
        var template = (JsonObject)(replicaSet.Obj("spec", "template")?.DeepClone() ?? new JsonObject());
        var metadata = template.Obj("metadata") ?? [];
        template.Remove("metadata");
        metadata["generateName"] = replicaSet.Str("metadata", "name") + "-";
        metadata["name"] = replicaSet.Str("metadata", "name") + "-" + KindDefaults.RandomSuffix();
        metadata["namespace"] = ns;
        metadata["ownerReferences"] = new JsonArray(ControllerClient.OwnerReference(replicaSet));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template["spec"]?.DeepClone(),
        };
    }
}
