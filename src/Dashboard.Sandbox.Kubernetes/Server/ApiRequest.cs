namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>A resource request's coordinates, parsed from the URL path as the API server's RequestInfoFactory does.</summary>
internal sealed record ApiRequest(string Group, string Version, string Resource, string? Namespace, string? Name, string? Subresource, bool WatchPath)
{
    private static readonly HashSet<string> s_namespaceSubresources = ["status", "finalize"];

    /// <summary>Parses <c>/api/v1/...</c> and <c>/apis/{group}/{version}/...</c>; null when the path is not a resource path.</summary>
    public static ApiRequest? Parse(string path)
    {
        var segments = path.Trim('/').Split('/');
        string group;
        string version;
        int rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = (string.Empty, segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }

        var parts = segments[rest..];
        var watch = false;
        if (parts.Length > 1 && parts[0] == "watch")
        {
            watch = true;
            parts = parts[1..];
        }

        string? ns = null;
        if (parts.Length >= 3 && parts[0] == "namespaces" && !(parts.Length == 3 && s_namespaceSubresources.Contains(parts[2])))
        {
            ns = parts[1];
            parts = parts[2..];
        }

        if (parts.Length is 0 or > 3 || parts.Any(p => p.Length == 0))
        {
            return null;
        }

        return new ApiRequest(group, version, parts[0], ns, parts.Length > 1 ? parts[1] : null, parts.Length > 2 ? parts[2] : null, watch);
    }
}
