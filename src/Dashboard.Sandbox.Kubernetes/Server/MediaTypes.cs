namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>The representation a client negotiated through its Accept header.</summary>
internal enum ResponseShape
{
    Json,
    Table,
    PartialObjectMetadata,
    AggregatedDiscovery,
}

/// <summary>Content negotiation as the API server does it: first acceptable entry wins, protobuf is not offered.</summary>
internal static class MediaTypes
{
    public const string Json = "application/json";

    /// <summary>Picks the shape for a response; throws 406 when nothing acceptable is offered.</summary>
    public static ResponseShape Negotiate(string? accept, bool allowTable, bool allowAggregated = false)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return ResponseShape.Json;
        }

        foreach (var entry in accept.Split(','))
        {
            var parts = entry.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            var mediaType = parts[0].ToLowerInvariant();
            var parameters = parts.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim(), StringComparer.Ordinal);
            if (parameters.TryGetValue("q", out var q) && q is "0" or "0.0")
            {
                continue;
            }

            if (mediaType is not ("application/json" or "application/*" or "*/*"))
            {
                continue;
            }

            if (!parameters.TryGetValue("as", out var kind))
            {
                return ResponseShape.Json;
            }

            parameters.TryGetValue("g", out var group);
            parameters.TryGetValue("v", out var version);
            if (allowTable && kind == "Table" && group == "meta.k8s.io" && version is "v1" or "v1beta1")
            {
                return ResponseShape.Table;
            }

            if (allowTable && kind is "PartialObjectMetadata" or "PartialObjectMetadataList" && group == "meta.k8s.io" && version is "v1" or "v1beta1")
            {
                return ResponseShape.PartialObjectMetadata;
            }

            if (allowAggregated && kind == "APIGroupDiscoveryList" && group == "apidiscovery.k8s.io" && version == "v2")
            {
                return ResponseShape.AggregatedDiscovery;
            }
        }

        throw Api.ApiException.NotAcceptable("application/json, application/yaml, application/vnd.kubernetes.protobuf");
    }

    /// <summary>The media type of a request body, without parameters, lower-case.</summary>
    public static string BodyType(string? contentType) =>
        string.IsNullOrEmpty(contentType) ? Json : contentType.Split(';')[0].Trim().ToLowerInvariant();
}
