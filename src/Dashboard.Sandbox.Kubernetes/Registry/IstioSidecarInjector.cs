using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Registry;

/// <summary>
/// The istio-sidecar-injector mutating webhook: pods created in a namespace labelled <c>istio-injection=enabled</c>
/// get the <c>istio-init</c> init container and the <c>istio-proxy</c> sidecar, unless the pod opts out.
/// </summary>
internal static class IstioSidecarInjector
{
    public static bool Applies(JsonObject pod, JsonObject? ns)
    {
        if (ns.Str("metadata", "labels", "istio-injection") != "enabled")
        {
            return false;
        }

        var optOut = pod.Str("metadata", "annotations", "sidecar.istio.io/inject") ?? pod.Str("metadata", "labels", "sidecar.istio.io/inject");
        if (optOut is "false")
        {
            return false;
        }

        return !pod.Arr("spec", "containers").Objects().Any(c => c.Str("name") == "istio-proxy");
    }

    public static void Inject(JsonObject pod, ClusterFlavour flavour)
    {
        var proxyImage = flavour == ClusterFlavour.Legacy ? "docker.io/istio/proxyv2:1.4.10" : "docker.io/istio/proxyv2:1.30.3";
        var spec = pod.Ensure("spec");
        if (spec["containers"] is not JsonArray containers)
        {
            containers = [];
            spec["containers"] = containers;
        }

        containers.Add(new JsonObject
        {
            ["name"] = "istio-proxy",
            ["image"] = proxyImage,
            ["args"] = new JsonArray("proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local"),
            ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 15090, ["name"] = "http-envoy-prom", ["protocol"] = "TCP" }),
            ["readinessProbe"] = new JsonObject
            {
                ["httpGet"] = new JsonObject { ["path"] = "/healthz/ready", ["port"] = 15021 },
                ["periodSeconds"] = 15,
            },
        });
        if (spec["initContainers"] is not JsonArray inits)
        {
            inits = [];
            spec["initContainers"] = inits;
        }

        inits.Add(new JsonObject
        {
            ["name"] = "istio-init",
            ["image"] = proxyImage,
            ["args"] = new JsonArray("istio-iptables", "-p", "15001", "-z", "15006", "-u", "1337"),
        });

        var metadata = pod.Metadata();
        var annotations = metadata.Ensure("annotations");
        annotations["sidecar.istio.io/status"] = "{\"initContainers\":[\"istio-init\"],\"containers\":[\"istio-proxy\"],\"volumes\":[],\"imagePullSecrets\":null}";
        var labels = metadata.Ensure("labels");
        labels["security.istio.io/tlsMode"] = "istio";
        var app = labels.Str("app") ?? metadata.Str("generateName")?.TrimEnd('-') ?? metadata.Str("name") ?? "unknown";
        labels["service.istio.io/canonical-name"] ??= app;
        labels["service.istio.io/canonical-revision"] ??= labels.Str("version") ?? "latest";
    }
}
