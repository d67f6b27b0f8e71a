using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Selectors;

namespace Dashboard.Sandbox.Kubernetes.Validation;

/// <summary>Kind-specific validation of the built-in kinds (the parts of pkg/apis/*/validation the dashboard meets).</summary>
internal static class BuiltInRules
{
    public const int MaxSecretSize = 1024 * 1024;

    private static readonly string[] s_serviceTypes = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    private static readonly string[] s_protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] s_pathTypes = ["Exact", "ImplementationSpecific", "Prefix"];
    private static readonly string[] s_restartPolicies = ["Always", "Never", "OnFailure"];
    private static readonly string[] s_pullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] s_tlsKeys = ["tls.crt", "tls.key"];
    private static readonly string[] s_strategies = ["Recreate", "RollingUpdate"];

    public static void Validate(string kind, JsonObject obj, List<StatusCause> causes)
    {
        switch (kind)
        {
            case "Secret":
                DataKeys(obj, "data", causes);
                if (DataSize(obj, "data", base64: true) > MaxSecretSize)
                {
                    causes.Add(StatusCause.TooLong("data", MaxSecretSize));
                }

                if (obj.Str("type") == "kubernetes.io/tls")
                {
                    foreach (var key in s_tlsKeys.Where(k => obj.Obj("data")?[k] is null))
                    {
                        causes.Add(StatusCause.Required($"data[{key}]"));
                    }
                }

                break;
            case "ConfigMap":
                DataKeys(obj, "data", causes);
                DataKeys(obj, "binaryData", causes);
                if (DataSize(obj, "data", base64: false) + DataSize(obj, "binaryData", base64: true) > MaxSecretSize)
                {
                    causes.Add(StatusCause.TooLong("", MaxSecretSize));
                }

                break;
            case "Service":
                Service(obj, causes);
                break;
            case "Pod":
                PodSpec(obj.Obj("spec"), "spec", causes);
                break;
            case "Deployment" or "ReplicaSet":
                Workload(obj, kind, causes);
                break;
            case "Ingress":
                Ingress(obj, causes);
                break;
            case "IngressClass":
                if (string.IsNullOrEmpty(obj.Str("spec", "controller")))
                {
                    causes.Add(StatusCause.Required("spec.controller"));
                }

                break;
        }
    }

    private static void DataKeys(JsonObject obj, string field, List<StatusCause> causes)
    {
        foreach (var key in obj.Obj(field)?.Select(p => p.Key) ?? [])
        {
            if (LabelRules.ValidateConfigKey(key) is { } problem)
            {
                causes.Add(StatusCause.Invalid($"{field}[{key}]", key, problem));
            }
        }
    }

    private static long DataSize(JsonObject obj, string field, bool base64)
    {
        long total = 0;
        foreach (var (_, value) in obj.Obj(field) ?? [])
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                var text = v.GetValue<string>();
                total += base64 ? text.Length / 4 * 3 - text.Count(c => c == '=') : System.Text.Encoding.UTF8.GetByteCount(text);
            }
        }

        return total;
    }

    private static void Service(JsonObject obj, List<StatusCause> causes)
    {
        var spec = obj.Obj("spec");
        var type = spec.Str("type") ?? "ClusterIP";
        Enum("spec.type", type, s_serviceTypes, causes);
        var ports = spec.Arr("ports").Objects().ToList();
        if (ports.Count == 0 && type != "ExternalName" && spec.Str("clusterIP") != "None")
        {
            causes.Add(StatusCause.Required("spec.ports"));
        }

        var seen = new HashSet<string>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i].Int("port");
            if (port is null or < 1 or > 65535)
            {
                causes.Add(StatusCause.Invalid($"spec.ports[{i}].port", port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0", "must be between 1 and 65535, inclusive"));
            }

            Enum($"spec.ports[{i}].protocol", ports[i].Str("protocol") ?? "TCP", s_protocols, causes);
            if (ports.Count > 1 && string.IsNullOrEmpty(ports[i].Str("name")))
            {
                causes.Add(StatusCause.Required($"spec.ports[{i}].name"));
            }

            if (ports[i].Str("name") is { Length: > 0 } name && !seen.Add(name))
            {
                causes.Add(StatusCause.Duplicate($"spec.ports[{i}].name", name));
            }
        }
    }

    private static void PodSpec(JsonObject? spec, string path, List<StatusCause> causes)
    {
        var containers = spec.Arr("containers").Objects().ToList();
        if (containers.Count == 0)
        {
            causes.Add(StatusCause.Required($"{path}.containers"));
        }

        var names = new HashSet<string>();
        for (var i = 0; i < containers.Count; i++)
        {
            var name = containers[i].Str("name") ?? string.Empty;
            if (name.Length == 0)
            {
                causes.Add(StatusCause.Required($"{path}.containers[{i}].name"));
            }
            else if (LabelRules.ValidateDns1123Label(name) is { } problem)
            {
                causes.Add(StatusCause.Invalid($"{path}.containers[{i}].name", name, problem));
            }
            else if (!names.Add(name))
            {
                causes.Add(StatusCause.Duplicate($"{path}.containers[{i}].name", name));
            }

            if (string.IsNullOrEmpty(containers[i].Str("image")))
            {
                causes.Add(StatusCause.Required($"{path}.containers[{i}].image"));
            }

            if (containers[i].Str("imagePullPolicy") is { } pull)
            {
                Enum($"{path}.containers[{i}].imagePullPolicy", pull, s_pullPolicies, causes);
            }
        }

        if (spec.Str("restartPolicy") is { } restart)
        {
            Enum($"{path}.restartPolicy", restart, s_restartPolicies, causes);
        }
    }

    private static void Workload(JsonObject obj, string kind, List<StatusCause> causes)
    {
        var spec = obj.Obj("spec");
        if (spec.Int("replicas") is < 0)
        {
            causes.Add(StatusCause.Invalid("spec.replicas", spec.Int("replicas")!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        }

        var selector = spec.Obj("selector");
        var matchLabels = selector.StringMap("matchLabels");
        if (selector is null)
        {
            causes.Add(StatusCause.Required("spec.selector"));
        }
        else if (matchLabels.Count == 0 && selector.Arr("matchExpressions") is not { Count: > 0 })
        {
            causes.Add(StatusCause.Invalid("spec.selector", "{}", "empty selector is invalid for deployment"));
        }

        var templateLabels = spec.StringMap("template", "metadata", "labels");
        if (selector is not null && matchLabels.Count > 0 && !LabelSelector.FromMatchLabels(matchLabels).Matches(templateLabels))
        {
            var shown = "map[string]string{" + string.Join(", ", templateLabels.Select(kv => $"\"{kv.Key}\":\"{kv.Value}\"")) + "}";
            causes.Add(StatusCause.Invalid("spec.template.metadata.labels", shown, "`selector` does not match template `labels`"));
        }

        PodSpec(spec.Obj("template", "spec"), "spec.template.spec", causes);
        if (kind == "Deployment" && spec.Str("strategy", "type") is { } strategy)
        {
            Enum("spec.strategy.type", strategy, s_strategies, causes);
        }

        if (spec.Str("template", "spec", "restartPolicy") is { } restart && restart != "Always")
        {
            causes.Add(StatusCause.NotSupported("spec.template.spec.restartPolicy", restart, ["Always"]));
        }
    }

    private static void Ingress(JsonObject obj, List<StatusCause> causes)
    {
        var spec = obj.Obj("spec");
        if (spec.Str("ingressClassName") is { } className && LabelRules.ValidateDns1123Subdomain(className) is { } classProblem)
        {
            causes.Add(StatusCause.Invalid("spec.ingressClassName", className, classProblem));
        }

        var rules = spec.Arr("rules").Objects().ToList();
        if (rules.Count == 0 && spec.Obj("defaultBackend") is null)
        {
            causes.Add(StatusCause.Invalid("spec.rules", "[]", "either `defaultBackend` or `rules` must be specified"));
        }

        for (var r = 0; r < rules.Count; r++)
        {
            var paths = rules[r].Arr("http", "paths").Objects().ToList();
            if (rules[r].Obj("http") is not null && paths.Count == 0)
            {
                causes.Add(StatusCause.Required($"spec.rules[{r}].http.paths"));
            }

            for (var p = 0; p < paths.Count; p++)
            {
                var prefix = $"spec.rules[{r}].http.paths[{p}]";
                if (paths[p].Str("pathType") is { } pathType)
                {
                    Enum(prefix + ".pathType", pathType, s_pathTypes, causes);
                }

                if (paths[p].Str("pathType") is "Exact" or "Prefix" && paths[p].Str("path") is { } path && !path.StartsWith('/'))
                {
                    causes.Add(StatusCause.Invalid(prefix + ".path", path, "must be an absolute path"));
                }

                var backend = paths[p].Obj("backend");
                if (backend is not null && backend.Obj("service") is null && backend.Obj("resource") is null)
                {
                    causes.Add(StatusCause.Invalid(prefix + ".backend", "{}", "one backend (service or resource) must be specified"));
                }

                if (backend.Obj("service") is { } service && service.Obj("port") is { } port && port["name"] is null && port["number"] is null)
                {
                    causes.Add(StatusCause.Required(prefix + ".backend.service.port", "port name or number is required"));
                }
            }
        }
    }

    private static void Enum(string field, string value, string[] allowed, List<StatusCause> causes)
    {
        if (!allowed.Contains(value))
        {
            causes.Add(StatusCause.NotSupported(field, value, allowed));
        }
    }
}
