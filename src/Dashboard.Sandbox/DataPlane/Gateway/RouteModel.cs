using System.Text.RegularExpressions;

namespace Dashboard.Sandbox.DataPlane.Gateway;

/// <summary>Istio's <c>StringMatch</c>: exact, prefix or (RE2, full-match) regex.</summary>
internal sealed record StringMatch(string Kind, string Value, Regex? Pattern)
{
    public bool Matches(string? input, bool ignoreCase = false)
    {
        if (input is null)
        {
            return false;
        }

        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return Kind switch
        {
            "exact" => string.Equals(input, Value, comparison),
            "prefix" => input.StartsWith(Value, comparison),
            _ => Pattern?.IsMatch(input) == true,
        };
    }
}

/// <summary>One <c>HTTPMatchRequest</c>; every condition given must hold.</summary>
internal sealed record RequestMatch(
    StringMatch? Uri,
    bool IgnoreUriCase,
    StringMatch? Method,
    StringMatch? Authority,
    StringMatch? Scheme,
    int? Port,
    IReadOnlyList<(string Name, StringMatch Match)> Headers,
    IReadOnlyList<string> WithoutHeaders,
    IReadOnlyList<(string Name, StringMatch Match)> QueryParams,
    IReadOnlyList<string> Gateways,
    string? Unsupported);

/// <summary>A route destination with its weight.</summary>
internal sealed record WeightedDestination(string Host, int? Port, int Weight, UpstreamTarget Target);

/// <summary>One <c>HTTPRoute</c> of a VirtualService.</summary>
internal sealed record HttpRouteRule(
    string VirtualService,
    IReadOnlyList<RequestMatch> Matches,
    IReadOnlyList<WeightedDestination> Destinations,
    string? RewriteUri,
    (int Status, string Body)? DirectResponse,
    (string? Uri, string? Authority, int Code)? Redirect);

/// <summary>Envoy's virtual host: the domains it answers and its ordered routes.</summary>
internal sealed record VirtualHostRoutes(string Domain, IReadOnlyList<HttpRouteRule> Routes);

/// <summary>What a route destination reaches in the sandbox.</summary>
internal enum UpstreamKind
{
    /// <summary>Ready httpbin pods behind the destination Service: the built-in httpbin answers.</summary>
    Httpbin,

    /// <summary>The Service exists but selects no Ready pod: Envoy's 503 <c>no healthy upstream</c>.</summary>
    NoHealthyUpstream,

    /// <summary>No Service (or port) of that name: Envoy routes to a cluster that does not exist, 503 with an empty body.</summary>
    ClusterNotFound,

    /// <summary>Ready pods that are not httpbin: the sandbox has no such application; Envoy sees the connection fail.</summary>
    UnknownWorkload,
}

/// <summary>The resolved destination.</summary>
internal sealed record UpstreamTarget(UpstreamKind Kind, string Cluster, string Detail);
