using System.Text.Json.Nodes;

namespace Dashboard.Sandbox.Kubernetes.Api;

/// <summary>Builds <c>meta/v1 Status</c> objects.</summary>
internal static class StatusObjects
{
    public static JsonObject Failure(int code, string reason, string message, StatusDetails? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = DetailsNode(details);
        }

        status["code"] = code;
        return status;
    }

    public static JsonObject Success(string name, string group, string kindOrResource, string? uid)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = kindOrResource;
        if (uid is not null)
        {
            details["uid"] = uid;
        }

        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    private static JsonObject DetailsNode(StatusDetails details)
    {
        var node = new JsonObject();
        if (!string.IsNullOrEmpty(details.Name))
        {
            node["name"] = details.Name;
        }

        if (!string.IsNullOrEmpty(details.Group))
        {
            node["group"] = details.Group;
        }

        if (!string.IsNullOrEmpty(details.Kind ?? details.Resource))
        {
            node["kind"] = details.Kind ?? details.Resource;
        }

        if (details.Causes is { Count: > 0 } causes)
        {
            node["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject
            {
                ["reason"] = c.Reason,
                ["message"] = c.Message,
                ["field"] = c.Field,
            }).ToArray());
        }

        return node;
    }
}
