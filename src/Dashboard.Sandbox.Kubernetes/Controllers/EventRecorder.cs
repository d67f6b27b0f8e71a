using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Registry;

namespace Dashboard.Sandbox.Kubernetes.Controllers;

/// <summary>Records core/v1 Events about objects, as the kubelet, scheduler and controllers do.</summary>
internal sealed class EventRecorder(ApiOperations operations)
{
    private long _sequence;

    public void Normal(JsonObject involved, string reason, string message, string component, string? host = null) =>
        Record(involved, "Normal", reason, message, component, host);

    public void Record(JsonObject involved, string type, string reason, string message, string component, string? host)
    {
        var context = operations.Context;
        var ns = involved.Str("metadata", "namespace") ?? "default";
        var name = involved.Str("metadata", "name") ?? "unknown";
        var now = context.Now();
        var stamp = context.Time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000 + Interlocked.Increment(ref _sequence);
        var source = new JsonObject { ["component"] = component };
        if (host is not null)
        {
            source["host"] = host;
        }

        var evt = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = $"{name}.{stamp.ToString("x16", CultureInfo.InvariantCulture)}", ["namespace"] = ns },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = involved.Str("kind"),
                ["namespace"] = involved.Str("metadata", "namespace"),
                ["name"] = name,
                ["uid"] = involved.Str("metadata", "uid"),
                ["apiVersion"] = involved.Str("apiVersion"),
                ["resourceVersion"] = involved.Str("metadata", "resourceVersion"),
            },
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = source,
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
            ["type"] = type,
            ["eventTime"] = null,
            ["reportingComponent"] = component,
            ["reportingInstance"] = host ?? string.Empty,
        };
        try
        {
            operations.Create(context.Registry.Find(string.Empty, "v1", "events")!, ns, evt, WriteOptions.Internal(component));
        }
        catch (ApiException e) when (e.Code is 404 or 403 or 409)
        {
            // The namespace is gone or going: events about its objects are dropped, as the real recorder's would be.
        }
    }
}
