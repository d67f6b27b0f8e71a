using Dashboard.Sandbox.DataPlane.Tls;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.DataPlane.Gateway;

/// <summary>The request facts Envoy's route matching looks at.</summary>
internal sealed record RouteInput(string Host, string Method, string Path, string Query, string Scheme, int Port, string Gateway, IHeaderDictionary Headers);

/// <summary>
/// Envoy's HTTP routing for one server's route configuration: the virtual host by the Host header (exact domain,
/// then the longest wildcard, then <c>*</c>), then the first route whose match holds. <c>prefix</c> matches the
/// <c>:path</c> as sent (query included), <c>exact</c> and <c>regex</c> the path without its query, as Envoy does.
/// </summary>
internal static class GatewayRouter
{
    public static (VirtualHostRoutes? Host, HttpRouteRule? Rule) Route(GatewayServer server, RouteInput input)
    {
        var host = HostNames.Normalize(input.Host);
        var virtualHost = server.Routes.FirstOrDefault(v => !v.Domain.StartsWith('*') && string.Equals(v.Domain, host, StringComparison.OrdinalIgnoreCase))
            ?? server.Routes.Where(v => v.Domain.StartsWith("*.", StringComparison.Ordinal) && HostNames.PatternMatches(v.Domain, host)).OrderByDescending(v => v.Domain.Length).FirstOrDefault()
            ?? server.Routes.FirstOrDefault(v => v.Domain == "*");
        if (virtualHost is null)
        {
            return (null, null);
        }

        var rule = virtualHost.Routes.FirstOrDefault(r => r.Matches.Count == 0 || r.Matches.Any(m => Holds(m, input)));
        return (virtualHost, rule);
    }

    private static bool Holds(RequestMatch match, RouteInput input)
    {
        if (match.Unsupported is not null)
        {
            return false;
        }

        var uriHolds = match.Uri is null || (match.Uri.Kind == "prefix"
            ? match.Uri.Matches(input.Path + input.Query, match.IgnoreUriCase)
            : match.Uri.Matches(input.Path, match.IgnoreUriCase));
        return uriHolds
            && (match.Method is null || match.Method.Matches(input.Method))
            && (match.Authority is null || match.Authority.Matches(input.Host))
            && (match.Scheme is null || match.Scheme.Matches(input.Scheme))
            && (match.Port is null || match.Port == input.Port)
            && match.Headers.All(h => input.Headers.TryGetValue(h.Name, out var value) && h.Match.Matches(value.ToString()))
            && match.WithoutHeaders.All(h => !input.Headers.ContainsKey(h))
            && match.QueryParams.All(q => Query(input.Query, q.Name) is { } value && q.Match.Matches(value))
            && (match.Gateways.Count == 0 || match.Gateways.Any(g => g == input.Gateway || input.Gateway.EndsWith("/" + g, StringComparison.Ordinal)));
    }

    private static string? Query(string query, string name) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => string.Equals(Uri.UnescapeDataString(p[0]), name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "")
            .FirstOrDefault();

    /// <summary>Picks a destination by weight, as Envoy's weighted clusters do.</summary>
    public static WeightedDestination? Pick(IReadOnlyList<WeightedDestination> destinations)
    {
        var total = destinations.Sum(d => d.Weight);
        if (destinations.Count == 0 || total <= 0)
        {
            return destinations.Count > 0 ? destinations[0] : null;
        }

        var pick = Random.Shared.Next(total);
        foreach (var destination in destinations)
        {
            if ((pick -= destination.Weight) < 0)
            {
                return destination;
            }
        }

        return destinations[^1];
    }
}
