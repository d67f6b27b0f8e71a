using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Sandbox.DataPlane.Watching;

namespace Dashboard.Sandbox.DataPlane.Gateway;

/// <summary>Reads a VirtualService's <c>http</c> routes (any served version: the fields are the same).</summary>
internal static class VirtualServiceParser
{
    private static readonly string[] s_supportedMatchFields =
        ["name", "uri", "ignoreUriCase", "method", "authority", "scheme", "port", "headers", "withoutHeaders", "queryParams", "gateways"];

    public static IReadOnlyList<HttpRouteRule> Parse(IstioObject virtualService, Func<string, int?, UpstreamTarget> resolve)
    {
        var name = $"{virtualService.Metadata.NamespaceProperty}/{virtualService.Metadata.Name}";
        var rules = new List<HttpRouteRule>();
        foreach (var http in virtualService.Spec.Items("http"))
        {
            var matches = http.Items("match").Select(ParseMatch).ToList();
            var destinations = http.Items("route")
                .Select(r => (Destination: r.Get("destination"), Weight: r.Int("weight")))
                .Where(r => r.Destination is not null)
                .Select(r =>
                {
                    var host = r.Destination!.Value.Str("host") ?? "";
                    var port = r.Destination.Value.Get("port")?.Int("number");
                    return new WeightedDestination(host, port, r.Weight ?? 0, resolve(host, port));
                })
                .ToList();
            if (destinations.Count == 1 && destinations[0].Weight == 0)
            {
                destinations[0] = destinations[0] with { Weight = 100 };
            }

            var direct = http.Get("directResponse") is { } d ? ((int Status, string Body)?)(d.Int("status") ?? 200, d.Get("body")?.Str("string") ?? "") : null;
            var redirect = http.Get("redirect") is { } r ? ((string? Uri, string? Authority, int Code)?)(r.Str("uri"), r.Str("authority"), r.Int("redirectCode") ?? 301) : null;
            rules.Add(new HttpRouteRule(name, matches, destinations, http.Get("rewrite")?.Str("uri"), direct, redirect));
        }

        return rules;
    }

    private static RequestMatch ParseMatch(JsonElement match)
    {
        var unsupported = match.ValueKind == JsonValueKind.Object
            ? match.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !s_supportedMatchFields.Contains(n))
            : null;
        return new RequestMatch(
            Uri: String(match.Get("uri")),
            IgnoreUriCase: match.Bool("ignoreUriCase"),
            Method: String(match.Get("method")),
            Authority: String(match.Get("authority")),
            Scheme: String(match.Get("scheme")),
            Port: match.Int("port"),
            Headers: Named(match.Get("headers")),
            WithoutHeaders: match.Get("withoutHeaders") is { ValueKind: JsonValueKind.Object } without ? [.. without.EnumerateObject().Select(p => p.Name)] : [],
            QueryParams: Named(match.Get("queryParams")),
            Gateways: match.Strings("gateways"),
            Unsupported: unsupported);
    }

    private static IReadOnlyList<(string, StringMatch)> Named(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } map
            ? [.. map.EnumerateObject().Select(p => (p.Name.ToLowerInvariant(), String(p.Value))).Where(p => p.Item2 is not null).Select(p => (p.Item1, p.Item2!))]
            : [];

    private static StringMatch? String(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        if (value.Str("exact") is { } exact)
        {
            return new("exact", exact, null);
        }

        if (value.Str("prefix") is { } prefix)
        {
            return new("prefix", prefix, null);
        }

        if (value.Str("regex") is { } regex)
        {
            try
            {
                return new("regex", regex, new Regex("^(?:" + regex + ")$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));
            }
            catch (ArgumentException)
            {
                // Istio's webhook rejects an invalid regex; a match that can never hold is the closest runtime equivalent.
                return new("regex", regex, null);
            }
        }

        return null;
    }
}
