using System.Text.Json.Nodes;

namespace Dashboard.Sandbox.Kubernetes.Seed;

/// <summary>Small builders for the preloaded objects.</summary>
internal static class Manifests
{
    public static JsonObject Namespace(string name, Dictionary<string, string>? labels = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = Meta(name, null, labels ?? []),
    };

    public static JsonObject Deployment(string ns, string name, Dictionary<string, string> labels, int replicas, params JsonObject[] containers) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = Meta(name, ns, labels),
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = Map(labels) },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = Map(labels), ["annotations"] = new JsonObject { ["sidecar.istio.io/inject"] = "false" } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(containers.Select(c => (JsonNode)c).ToArray()) },
            },
        },
    };

    public static JsonObject Container(string name, string image, params int[] ports) => new()
    {
        ["name"] = name,
        ["image"] = image,
        ["ports"] = new JsonArray(ports.Select(p => (JsonNode)new JsonObject { ["containerPort"] = p, ["protocol"] = "TCP" }).ToArray()),
    };

    public static JsonObject Service(string ns, string name, string type, Dictionary<string, string> selector, params (string Name, int Port, int Target)[] ports) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = Meta(name, ns, selector),
        ["spec"] = new JsonObject
        {
            ["type"] = type,
            ["selector"] = Map(selector),
            ["ports"] = new JsonArray(ports.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["port"] = p.Port, ["targetPort"] = p.Target, ["protocol"] = "TCP" }).ToArray()),
        },
    };

    public static JsonObject IngressClass(string name, string controller) => new()
    {
        ["apiVersion"] = "networking.k8s.io/v1",
        ["kind"] = "IngressClass",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["annotations"] = new JsonObject { ["ingressclass.kubernetes.io/is-default-class"] = "true" },
        },
        ["spec"] = new JsonObject { ["controller"] = controller },
    };

    private static JsonObject Meta(string name, string? ns, Dictionary<string, string> labels)
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            meta["namespace"] = ns;
        }

        if (labels.Count > 0)
        {
            meta["labels"] = Map(labels);
        }

        return meta;
    }

    private static JsonObject Map(Dictionary<string, string> values)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values)
        {
            map[key] = value;
        }

        return map;
    }
}
