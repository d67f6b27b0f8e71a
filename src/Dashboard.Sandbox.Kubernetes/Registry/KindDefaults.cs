using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Registry;

/// <summary>Defaulting and normalisation the API server applies to built-in kinds before validation.</summary>
internal static class KindDefaults
{
    public static void Apply(string kind, JsonObject obj, JsonObject? previous)
    {
        switch (kind)
        {
            case "Secret":
                FoldStringData(obj);
                obj["type"] ??= "Opaque";
                break;
            case "Namespace":
                var spec = obj.Ensure("spec");
                spec["finalizers"] ??= new JsonArray("kubernetes");
                obj.Ensure("status")["phase"] ??= "Active";
                var labels = obj.Metadata().Ensure("labels");
                labels["kubernetes.io/metadata.name"] = obj.Str("metadata", "name");
                break;
            case "Service":
                Service(obj, previous);
                break;
            case "Pod":
                PodSpec(obj.Ensure("spec"));
                var status = obj.Ensure("status");
                status["phase"] ??= "Pending";
                status["qosClass"] ??= "BestEffort";
                break;
            case "Deployment":
                var deploymentSpec = obj.Ensure("spec");
                deploymentSpec["replicas"] ??= 1;
                deploymentSpec["revisionHistoryLimit"] ??= 10;
                deploymentSpec["progressDeadlineSeconds"] ??= 600;
                var strategy = deploymentSpec.Ensure("strategy");
                strategy["type"] ??= "RollingUpdate";
                if (strategy.Str("type") == "RollingUpdate")
                {
                    var rolling = strategy.Ensure("rollingUpdate");
                    rolling["maxUnavailable"] ??= "25%";
                    rolling["maxSurge"] ??= "25%";
                }

                PodSpec(deploymentSpec.Ensure("template").Ensure("spec"));
                break;
            case "ReplicaSet":
                var rsSpec = obj.Ensure("spec");
                rsSpec["replicas"] ??= 1;
                PodSpec(rsSpec.Ensure("template").Ensure("spec"));
                break;
            case "Ingress":
                obj.Ensure("status").Ensure("loadBalancer");
                break;
        }
    }

    private static void FoldStringData(JsonObject obj)
    {
        if (obj["stringData"] is not JsonObject stringData)
        {
            obj.Remove("stringData");
            return;
        }

        var data = obj.Ensure("data");
        foreach (var (key, value) in stringData)
        {
            var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : string.Empty;
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }

        obj.Remove("stringData");
    }

    private static void Service(JsonObject obj, JsonObject? previous)
    {
        var spec = obj.Ensure("spec");
        var type = spec.Str("type") ?? "ClusterIP";
        spec["type"] = type;
        spec["sessionAffinity"] ??= "None";
        if (type != "ExternalName")
        {
            var previousIp = previous.Str("spec", "clusterIP");
            spec["clusterIP"] ??= previousIp ?? AllocateClusterIp();
            spec["clusterIPs"] ??= new JsonArray(spec.Str("clusterIP"));
            spec["ipFamilies"] ??= new JsonArray("IPv4");
            spec["ipFamilyPolicy"] ??= "SingleStack";
            spec["internalTrafficPolicy"] ??= "Cluster";
        }

        if (type is "NodePort" or "LoadBalancer")
        {
            spec["externalTrafficPolicy"] ??= "Cluster";
        }

        if (type == "LoadBalancer")
        {
            spec["allocateLoadBalancerNodePorts"] ??= true;
        }

        var previousPorts = previous.Arr("spec", "ports").Objects().ToList();
        foreach (var port in spec.Arr("ports").Objects())
        {
            port["protocol"] ??= "TCP";
            port["targetPort"] ??= port["port"]?.DeepClone();
            if (type is "NodePort" or "LoadBalancer" && port["nodePort"] is null)
            {
                var kept = previousPorts.FirstOrDefault(p => p.Int("port") == port.Int("port"))?.Int("nodePort");
                port["nodePort"] = kept ?? RandomNumberGenerator.GetInt32(30000, 32768);
            }
        }

        obj.Ensure("status").Ensure("loadBalancer");
    }

    private static void PodSpec(JsonObject spec)
    {
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["securityContext"] ??= new JsonObject();
        spec["schedulerName"] ??= "default-scheduler";
        if (spec.Str("serviceAccountName") is { } account)
        {
            spec["serviceAccount"] ??= account;
        }

        foreach (var container in spec.Arr("containers").Objects().Concat(spec.Arr("initContainers").Objects()))
        {
            var image = container.Str("image") ?? string.Empty;
            var tagged = image.LastIndexOf(':') > image.LastIndexOf('/') || image.Contains('@', StringComparison.Ordinal);
            container["imagePullPolicy"] ??= !tagged || image.EndsWith(":latest", StringComparison.Ordinal) ? "Always" : "IfNotPresent";
            container["terminationMessagePath"] ??= "/dev/termination-log";
            container["terminationMessagePolicy"] ??= "File";
            container["resources"] ??= new JsonObject();
            foreach (var port in container.Arr("ports").Objects())
            {
                port["protocol"] ??= "TCP";
            }
        }
    }

    /// <summary>A random address in IKS' default service range 172.21.0.0/16 (a string only, never dialled).</summary>
    private static string AllocateClusterIp() =>
        string.Create(CultureInfo.InvariantCulture, $"172.21.{RandomNumberGenerator.GetInt32(0, 256)}.{RandomNumberGenerator.GetInt32(1, 255)}");

    /// <summary>The 5-character suffix the API server appends to <c>generateName</c>.</summary>
    public static string RandomSuffix(int length = 5)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(length, alphabet, (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });
    }
}
