using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Tables;

/// <summary>The columns and cells the API server's printers (pkg/printers/internalversion) produce for the built-in kinds.</summary>
internal static class BuiltInPrinters
{
    public static (IReadOnlyList<TableColumn> Columns, Func<JsonObject, DateTimeOffset, JsonNode?[]> Row)? For(string kind) => kind switch
    {
        "Namespace" => ([TableColumn.NameColumn, Col("Status"), TableColumn.Age],
            (o, now) => [Name(o), o.Str("status", "phase"), Age(o, now)]),
        "Secret" => ([TableColumn.NameColumn, Col("Type"), Col("Data", "integer"), TableColumn.Age],
            (o, now) => [Name(o), o.Str("type"), o.Obj("data")?.Count ?? 0, Age(o, now)]),
        "ConfigMap" => ([TableColumn.NameColumn, Col("Data", "integer"), TableColumn.Age],
            (o, now) => [Name(o), (o.Obj("data")?.Count ?? 0) + (o.Obj("binaryData")?.Count ?? 0), Age(o, now)]),
        "ServiceAccount" => ([TableColumn.NameColumn, TableColumn.Age], (o, now) => [Name(o), Age(o, now)]),
        "Service" => ([TableColumn.NameColumn, Col("Type"), Col("Cluster-IP"), Col("External-IP"), Col("Port(s)"), TableColumn.Age, Col("Selector", priority: 1)],
            (o, now) => [Name(o), o.Str("spec", "type"), o.Str("spec", "clusterIP") ?? "<none>", ExternalIp(o), Ports(o), Age(o, now), Selector(o.StringMap("spec", "selector"))]),
        "Pod" => ([TableColumn.NameColumn, Col("Ready"), Col("Status"), Col("Restarts"), TableColumn.Age, Col("IP", priority: 1), Col("Node", priority: 1), Col("Nominated Node", priority: 1), Col("Readiness Gates", priority: 1)],
            PodRow),
        "Deployment" => ([TableColumn.NameColumn, Col("Ready"), Col("Up-to-date", "integer"), Col("Available", "integer"), TableColumn.Age, Col("Containers", priority: 1), Col("Images", priority: 1), Col("Selector", priority: 1)],
            (o, now) => [Name(o), $"{o.Int("status", "readyReplicas") ?? 0}/{o.Int("spec", "replicas") ?? 0}", o.Int("status", "updatedReplicas") ?? 0, o.Int("status", "availableReplicas") ?? 0, Age(o, now), Containers(o), Images(o), Selector(o.StringMap("spec", "selector", "matchLabels"))]),
        "ReplicaSet" => ([TableColumn.NameColumn, Col("Desired", "integer"), Col("Current", "integer"), Col("Ready", "integer"), TableColumn.Age, Col("Containers", priority: 1), Col("Images", priority: 1), Col("Selector", priority: 1)],
            (o, now) => [Name(o), o.Int("spec", "replicas") ?? 0, o.Int("status", "replicas") ?? 0, o.Int("status", "readyReplicas") ?? 0, Age(o, now), Containers(o), Images(o), Selector(o.StringMap("spec", "selector", "matchLabels"))]),
        "Event" => ([Col("Last Seen"), Col("Type"), Col("Reason"), Col("Object"), Col("Message"), Col("Subobject", priority: 1), Col("Source", priority: 1), Col("First Seen", priority: 1), Col("Count", "integer", 1), Col("Name", priority: 1)],
            (o, now) => [HumanDuration.Since(o.Str("lastTimestamp") ?? o.Str("eventTime") ?? o.Str("metadata", "creationTimestamp"), now), o.Str("type"), o.Str("reason"),
                $"{o.Str("involvedObject", "kind")?.ToLowerInvariant()}/{o.Str("involvedObject", "name")}", o.Str("message"), o.Str("involvedObject", "fieldPath") ?? string.Empty,
                o.Str("source", "component") ?? o.Str("reportingComponent") ?? string.Empty, HumanDuration.Since(o.Str("firstTimestamp") ?? o.Str("metadata", "creationTimestamp"), now), o.Int("count") ?? 1, Name(o)]),
        "Ingress" => ([TableColumn.NameColumn, Col("Class"), Col("Hosts"), Col("Address"), Col("Ports"), TableColumn.Age],
            (o, now) => [Name(o), o.Str("spec", "ingressClassName") ?? "<none>", Hosts(o), IngressAddress(o), o.Arr("spec", "tls") is { Count: > 0 } ? "80, 443" : "80", Age(o, now)]),
        "IngressClass" => ([TableColumn.NameColumn, Col("Controller"), Col("Parameters"), TableColumn.Age],
            (o, now) => [Name(o), o.Str("spec", "controller"), o.Obj("spec", "parameters") is { } p ? $"{p.Str("kind")}/{p.Str("name")}" : "<none>", Age(o, now)]),
        "CustomResourceDefinition" => ([TableColumn.NameColumn, new TableColumn("Created At", "date", "CreationTimestamp is a timestamp representing the server time when this object was created.")],
            (o, _) => [Name(o), o.Str("metadata", "creationTimestamp")]),
        _ => null,
    };

    private static TableColumn Col(string name, string type = "string", int priority = 0) => new(name, type, string.Empty, priority);

    private static JsonNode? Name(JsonObject o) => o.Str("metadata", "name");

    private static JsonNode? Age(JsonObject o, DateTimeOffset now) => HumanDuration.Since(o.Str("metadata", "creationTimestamp"), now);

    private static JsonNode?[] PodRow(JsonObject o, DateTimeOffset now)
    {
        var statuses = o.Arr("status", "containerStatuses").Objects().ToList();
        var total = o.Arr("spec", "containers")?.Count ?? 0;
        var ready = statuses.Count(s => s.Bool("ready") == true);
        var restarts = statuses.Sum(s => s.Int("restartCount") ?? 0);
        var reason = o.Str("status", "reason") ?? o.Str("status", "phase") ?? "Unknown";
        foreach (var status in statuses)
        {
            if (status.Str("state", "waiting", "reason") is { Length: > 0 } waiting)
            {
                reason = waiting;
            }
        }

        if (o.Str("metadata", "deletionTimestamp") is not null)
        {
            reason = "Terminating";
        }

        return [Name(o), $"{ready}/{total}", reason, restarts.ToString(CultureInfo.InvariantCulture), Age(o, now),
            o.Str("status", "podIP") ?? "<none>", o.Str("spec", "nodeName") ?? "<none>", o.Str("status", "nominatedNodeName") ?? "<none>", "<none>"];
    }

    private static string ExternalIp(JsonObject o)
    {
        var type = o.Str("spec", "type");
        var ingress = o.Arr("status", "loadBalancer", "ingress").Objects().Select(i => i.Str("ip") ?? i.Str("hostname")).OfType<string>().ToList();
        return type switch
        {
            "LoadBalancer" => ingress.Count > 0 ? string.Join(",", ingress) : "<pending>",
            "ExternalName" => o.Str("spec", "externalName") ?? "<none>",
            _ => o.Arr("spec", "externalIPs") is { Count: > 0 } ips ? string.Join(",", ips.Select(i => i?.GetValue<string>())) : "<none>",
        };
    }

    private static string Ports(JsonObject o)
    {
        var ports = o.Arr("spec", "ports").Objects().Select(p =>
            p.Int("nodePort") is { } node ? $"{p.Int("port")}:{node}/{p.Str("protocol")}" : $"{p.Int("port")}/{p.Str("protocol")}").ToList();
        return ports.Count == 0 ? "<none>" : string.Join(",", ports);
    }

    private static string Selector(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "<none>" : string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    private static string Containers(JsonObject o) =>
        string.Join(",", o.Arr("spec", "template", "spec", "containers").Objects().Select(c => c.Str("name")));

    private static string Images(JsonObject o) =>
        string.Join(",", o.Arr("spec", "template", "spec", "containers").Objects().Select(c => c.Str("image")));

    private static string Hosts(JsonObject o)
    {
        var hosts = o.Arr("spec", "rules").Objects().Select(r => r.Str("host")).OfType<string>().ToList();
        return hosts.Count == 0 ? "*" : string.Join(",", hosts);
    }

    private static string IngressAddress(JsonObject o) =>
        string.Join(",", o.Arr("status", "loadBalancer", "ingress").Objects().Select(i => i.Str("ip") ?? i.Str("hostname")).OfType<string>());
}
