using System.Text.Json.Nodes;

namespace Dashboard.Sandbox.Kubernetes.Discovery;

/// <summary>The discovery documents (<c>/api</c>, <c>/apis</c>, group and group/version lists, aggregated v2).</summary>
internal static class DiscoveryDocuments
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "35",
        ["emulationMajor"] = "1",
        ["emulationMinor"] = "35",
        ["minCompatibilityMajor"] = "1",
        ["minCompatibilityMinor"] = "34",
        ["gitVersion"] = "v1.35.0+IKS",
        ["gitCommit"] = "66452049f3d692768c39c797b21b793dce80314e",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-12-17T12:00:00Z",
        ["goVersion"] = "go1.25.5",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceRegistry registry) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(registry.Groups.Where(g => g.Group.Length > 0).Select(g => (JsonNode)GroupBody(g.Group, g.Versions)).ToArray()),
    };

    public static JsonObject? Group(ResourceRegistry registry, string group)
    {
        var entry = registry.Groups.FirstOrDefault(g => g.Group == group);
        if (entry.Group is null || group.Length == 0)
        {
            return null;
        }

        var body = GroupBody(entry.Group, entry.Versions);
        body["kind"] = "APIGroup";
        body["apiVersion"] = "v1";
        return body;
    }

    public static JsonObject? ResourceList(ResourceRegistry registry, string group, string version)
    {
        var types = registry.ServedAt(group, version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var type in types.OrderBy(t => t.Plural, StringComparer.Ordinal))
        {
            resources.Add(Resource(type, type.Plural, type.Verbs, withExtras: true));
            foreach (var sub in type.Subresources)
            {
                var verbs = sub == "finalize" ? new[] { "update" } : ["get", "patch", "update"];
                var entry = Resource(type, $"{type.Plural}/{sub}", verbs, withExtras: false);
                if (sub == "scale")
                {
                    entry["group"] = "autoscaling";
                    entry["version"] = "v1";
                    entry["kind"] = "Scale";
                }

                resources.Add(entry);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject GroupBody(string group, IReadOnlyList<string> versions)
    {
        var list = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v }).ToArray());
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    private static JsonObject Resource(ResourceType type, string name, IEnumerable<string> verbs, bool withExtras)
    {
        var entry = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = withExtras ? type.Singular : string.Empty,
            ["namespaced"] = type.Namespaced,
            ["kind"] = type.Kind,
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode?)v).ToArray()),
        };
        if (withExtras && type.ShortNames.Count > 0)
        {
            entry["shortNames"] = new JsonArray(type.ShortNames.Select(s => (JsonNode?)s).ToArray());
        }

        if (withExtras && type.Categories.Count > 0)
        {
            entry["categories"] = new JsonArray(type.Categories.Select(c => (JsonNode?)c).ToArray());
        }

        if (withExtras)
        {
            entry["storageVersionHash"] = StorageVersionHash(type);
        }

        return entry;
    }

    /// <summary>A stable short hash of group, storage version and kind, as the real server publishes.</summary>
    private static string StorageVersionHash(ResourceType type)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{type.Group}/{type.StorageVersion}/{type.Kind}"));
        return Convert.ToBase64String(bytes, 0, 8);
    }
}
