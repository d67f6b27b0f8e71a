using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Storage;

namespace Dashboard.Sandbox.Kubernetes.Controllers;

/// <summary>
/// Scheduler and kubelet in one: a new pod is bound to a node and shows ContainerCreating, then after
/// <see cref="SandboxKubernetesOptions.PodStartupDelay"/> (counted from its creation) runs and is Ready;
/// a pod marked for deletion disappears after <see cref="SandboxKubernetesOptions.PodTerminationDelay"/>.
/// </summary>
internal sealed class PodLifecycle(ControllerClient client, EventRecorder events, ControllerLoop loop)
{
    public const string NodeName = "10.240.0.11";

    public void OnPod(StoreChange change)
    {
        var pod = change.Object;
        if (change.Kind == WatchEventKind.Deleted)
        {
            return;
        }

        if (pod.IsDeleting)
        {
            var deletedAt = DateTimeOffset.Parse(pod.Object.Str("metadata", "deletionTimestamp")!, CultureInfo.InvariantCulture);
            loop.At(deletedAt + client.Context.Options.PodTerminationDelay, () => client.Remove(pod.Resource, pod.Namespace, pod.Name));
            return;
        }

        if (pod.Object.Str("spec", "nodeName") is null)
        {
            Schedule(pod);
        }
        else if (pod.Object.Str("status", "phase") == "Pending")
        {
            var created = DateTimeOffset.Parse(pod.Object.Str("metadata", "creationTimestamp")!, CultureInfo.InvariantCulture);
            loop.At(created + client.Context.Options.PodStartupDelay, () => Start(pod.Namespace, pod.Name));
        }
    }

    /// <summary>Binds the pod to the node; its start is queued when the bound version is seen (or done at once by the seed).</summary>
    public void Schedule(StoredObject pod)
    {
        var updated = pod.Clone();
        var spec = updated.Ensure("spec");
        spec["nodeName"] = NodeName;
        var now = client.Context.Now();
        var status = updated.Ensure("status");
        status["hostIP"] = NodeName;
        status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = NodeName });
        status["startTime"] = now;
        status["conditions"] = new JsonArray(Condition("PodScheduled", now));
        status["containerStatuses"] = new JsonArray(spec.Arr("containers").Objects().Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Str("name"),
            ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } },
            ["lastState"] = new JsonObject(),
            ["ready"] = false,
            ["restartCount"] = 0,
            ["image"] = c.Str("image"),
            ["imageID"] = string.Empty,
            ["started"] = false,
        }).ToArray());
        var pods = client.Type(string.Empty, "pods");
        if (client.Update(pods, updated, "kube-scheduler", status: false) is not { } bound)
        {
            return;
        }

        events.Normal(bound, "Scheduled", $"Successfully assigned {pod.Namespace}/{pod.Name} to {NodeName}", "default-scheduler");
    }

    /// <summary>The kubelet starting the containers: Running, Ready, with IPs and container statuses.</summary>
    public void Start(string ns, string name)
    {
        var pods = client.Type(string.Empty, "pods");
        if (client.Get(pods, ns, name) is not { IsDeleting: false } stored || stored.Object.Str("status", "phase") != "Pending")
        {
            return;
        }

        var pod = stored.Clone();
        var now = client.Context.Now();
        var status = pod.Ensure("status");
        status["phase"] = "Running";
        var ip = string.Create(CultureInfo.InvariantCulture, $"172.30.{RandomNumberGenerator.GetInt32(0, 256)}.{RandomNumberGenerator.GetInt32(2, 255)}");
        status["podIP"] = ip;
        status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
        status["conditions"] = new JsonArray(
            Condition("PodReadyToStartContainers", now), Condition("Initialized", now), Condition("Ready", now), Condition("ContainersReady", now), Condition("PodScheduled", now));
        status["containerStatuses"] = new JsonArray(pod.Arr("spec", "containers").Objects().Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Str("name"),
            ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } },
            ["lastState"] = new JsonObject(),
            ["ready"] = true,
            ["restartCount"] = 0,
            ["image"] = c.Str("image"),
            ["imageID"] = c.Str("image") + "@sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(c.Str("image") ?? string.Empty))),
            ["containerID"] = "containerd://" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            ["started"] = true,
        }).ToArray());
        if (pod.Arr("spec", "initContainers") is { Count: > 0 } inits)
        {
            status["initContainerStatuses"] = new JsonArray(inits.Objects().Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Str("name"),
                ["state"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["startedAt"] = now, ["finishedAt"] = now } },
                ["lastState"] = new JsonObject(),
                ["ready"] = true,
                ["restartCount"] = 0,
                ["image"] = c.Str("image"),
                ["imageID"] = string.Empty,
                ["started"] = false,
            }).ToArray());
        }

        if (client.Update(pods, pod, "kubelet", status: true) is not { } running)
        {
            return;
        }

        foreach (var container in pod.Arr("spec", "containers").Objects())
        {
            events.Record(running, "Normal", "Pulled", $"Container image \"{container.Str("image")}\" already present on machine", "kubelet", NodeName);
            events.Record(running, "Normal", "Created", $"Created container: {container.Str("name")}", "kubelet", NodeName);
            events.Record(running, "Normal", "Started", $"Started container {container.Str("name")}", "kubelet", NodeName);
        }
    }

    private static JsonObject Condition(string type, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastProbeTime"] = null,
        ["lastTransitionTime"] = now,
    };
}
