using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Storage;

namespace Dashboard.Sandbox.Kubernetes.Controllers;

/// <summary>The deployment controller: one ReplicaSet per pod template, old ones scaled down, status and conditions kept current.</summary>
internal sealed class DeploymentController(ControllerClient client, EventRecorder events)
{
    private const string Manager = "kube-controller-manager";

    public void Reconcile(string ns, string name)
    {
        var deployments = client.Type("apps", "deployments");
        var replicaSets = client.Type("apps", "replicasets");
        var stored = client.Get(deployments, ns, name);
        if (stored is null || stored.IsDeleting)
        {
            return;
        }

        var deployment = stored.Object;
        var desired = deployment.Int("spec", "replicas") ?? 1;
        var template = deployment.Obj("spec", "template");
        var hash = PodTemplateHash.Compute(template);
        var owned = client.Owned(stored.Uid, replicaSets);
        var current = owned.FirstOrDefault(r => r.Object.Str("metadata", "labels", "pod-template-hash") == hash);
        if (current is null)
        {
            var revision = owned.Select(r => long.TryParse(r.Object.Str("metadata", "annotations", "deployment.kubernetes.io/revision"), out var v) ? v : 0).DefaultIfEmpty().Max() + 1;
            var created = client.Create(replicaSets, ns, NewReplicaSet(deployment, hash, desired, revision), Manager);
            if (created is not null)
            {
                events.Normal(deployment, "ScalingReplicaSet", $"Scaled up replica set {created.Str("metadata", "name")} from 0 to {desired}", "deployment-controller");
            }

            return;
        }

        if (current.Object.Int("spec", "replicas") != desired)
        {
            Scale(current, desired, deployment);
            return;
        }

        foreach (var old in owned.Where(r => r != current && (r.Object.Int("spec", "replicas") ?? 0) > 0))
        {
            Scale(old, 0, deployment);
        }

        UpdateStatus(deployment, owned, current, desired);
    }

    private void Scale(StoredObject replicaSet, long replicas, JsonObject deployment)
    {
        var from = replicaSet.Object.Int("spec", "replicas") ?? 0;
        var updated = replicaSet.Clone();
        updated.Ensure("spec")["replicas"] = replicas;
        updated.Metadata().Ensure("annotations")["deployment.kubernetes.io/desired-replicas"] = deployment.Int("spec", "replicas")?.ToString(CultureInfo.InvariantCulture);
        if (client.Update(client.Type("apps", "replicasets"), updated, Manager) is not null)
        {
            events.Normal(deployment, "ScalingReplicaSet", $"Scaled {(replicas > from ? "up" : "down")} replica set {replicaSet.Name} from {from} to {replicas}", "deployment-controller");
        }
    }

    private void UpdateStatus(JsonObject deployment, List<StoredObject> owned, StoredObject current, long desired)
    {
        long Sum(string field) => owned.Sum(r => r.Object.Int("status", field) ?? 0);
        var available = Sum("availableReplicas");
        var updatedCount = current.Object.Int("status", "replicas") ?? 0;
        var maxUnavailable = desired / 4;
        var now = client.Context.Now();
        var previous = deployment.Obj("status");
        var status = new JsonObject { ["observedGeneration"] = deployment.Int("metadata", "generation") ?? 1 };
        SetCount(status, "replicas", Sum("replicas"));
        SetCount(status, "updatedReplicas", updatedCount);
        SetCount(status, "readyReplicas", Sum("readyReplicas"));
        SetCount(status, "availableReplicas", available);
        SetCount(status, "unavailableReplicas", Math.Max(0, desired - available));
        var isAvailable = available >= desired - maxUnavailable;
        var complete = (current.Object.Int("status", "availableReplicas") ?? 0) >= desired && updatedCount == desired;
        status["conditions"] = new JsonArray(
            Condition(previous, "Available", isAvailable, isAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                isAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now),
            Condition(previous, "Progressing", true, complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                complete ? $"ReplicaSet \"{current.Name}\" has successfully progressed." : $"ReplicaSet \"{current.Name}\" is progressing.", now));
        if (JsonNode.DeepEquals(previous, status))
        {
            return;
        }

        var updated = (JsonObject)deployment.DeepClone();
        updated["status"] = status;
        client.Update(client.Type("apps", "deployments"), updated, Manager, status: true);
    }

    private static void SetCount(JsonObject status, string field, long value)
    {
        if (value != 0)
        {
            status[field] = value;
        }
    }

    private static JsonObject Condition(JsonObject? previous, string type, bool isTrue, string reason, string message, string now)
    {
        var old = previous.Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == type);
        var value = isTrue ? "True" : "False";
        var same = old is not null && old.Str("status") == value && old.Str("reason") == reason && old.Str("message") == message;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = value,
            ["lastUpdateTime"] = same ? old!.Str("lastUpdateTime") : now,
            ["lastTransitionTime"] = old is not null && old.Str("status") == value ? old.Str("lastTransitionTime") : now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private static JsonObject NewReplicaSet(JsonObject deployment, string hash, long replicas, long revision)
    {
        var name = deployment.Str("metadata", "name")!;
        var template = (JsonObject)deployment.Obj("spec", "template")!.DeepClone();
        template.Metadata().Ensure("labels")["pod-template-hash"] = hash;
        var selector = (JsonObject)deployment.Obj("spec", "selector")!.DeepClone();
        selector.Ensure("matchLabels")["pod-template-hash"] = hash;
        var labels = (JsonObject)template.Obj("metadata", "labels")!.DeepClone();
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{name}-{hash}",
                ["labels"] = labels,
                ["annotations"] = new JsonObject
                {
                    ["deployment.kubernetes.io/desired-replicas"] = replicas.ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/max-replicas"] = (replicas + ((replicas + 3) / 4)).ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/revision"] = revision.ToString(CultureInfo.InvariantCulture),
                },
                ["ownerReferences"] = new JsonArray(ControllerClient.OwnerReference(deployment)),
            },
            ["spec"] = new JsonObject { ["replicas"] = replicas, ["selector"] = selector, ["template"] = template },
        };
    }
}
