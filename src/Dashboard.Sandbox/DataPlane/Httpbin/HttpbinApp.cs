using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Sandbox.DataPlane.Httpbin;

/// <summary>
/// The built-in httpbin behind the gateway: the endpoints the seed and the dashboard use, answering as the
/// httpbin sample (kennethreitz/httpbin, the image of the seed's era) does: <c>/status/{codes}</c> (418 with the
/// teapot), <c>/headers</c>, <c>/get</c>, <c>/ip</c>, <c>/user-agent</c>; anything else is 404.
/// </summary>
internal static class HttpbinApp
{
    /// <summary>httpbin's 418 body, byte for byte what the seed's curl prints.</summary>
    public const string Teapot = "\n    -=[ teapot ]=-\n\n       _...._\n     .'  _ _ `.\n    | .\"` ^ `\". _,\n    \\_;`\"---\"`|//\n      |       ;/\n      \\_     _/\n        `\"\"\"`\n";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    public static UpstreamResponse Handle(UpstreamRequest request)
    {
        var path = request.Path.TrimEnd('/');
        var response = path switch
        {
            "/headers" => Json(new JsonObject { ["headers"] = HeadersObject(request) }),
            "/get" => Json(new JsonObject
            {
                ["args"] = Args(request.Query),
                ["headers"] = HeadersObject(request),
                ["origin"] = request.Origin,
                ["url"] = Url(request),
            }),
            "/ip" => Json(new JsonObject { ["origin"] = request.Origin }),
            "/user-agent" => Json(new JsonObject { ["user-agent"] = Header(request, "User-Agent") }),
            _ when path.StartsWith("/status/", StringComparison.Ordinal) => Status(path["/status/".Length..]),
            _ => UpstreamResponse.Text(404, "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server.  If you entered the URL manually please check your spelling and try again.</p>\n", "text/html"),
        };
        return response.WithHeader("access-control-allow-origin", "*").WithHeader("access-control-allow-credentials", "true");
    }

    /// <summary>httpbin's <c>/status/{codes}</c>: one code, or a comma-separated list (optionally <c>code:weight</c>) picked at random.</summary>
    private static UpstreamResponse Status(string codes)
    {
        var choices = new List<(int Code, double Weight)>();
        foreach (var part in codes.Split(','))
        {
            var pieces = part.Split(':');
            if (!int.TryParse(pieces[0], NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is < 100 or > 599
                || (pieces.Length > 1 && !double.TryParse(pieces[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                return UpstreamResponse.Text(400, "Invalid status code", "text/html; charset=utf-8");
            }

            choices.Add((code, pieces.Length > 1 ? double.Parse(pieces[1], CultureInfo.InvariantCulture) : 1));
        }

        var pick = Random.Shared.NextDouble() * choices.Sum(c => c.Weight);
        var chosen = choices[^1].Code;
        foreach (var (code, weight) in choices)
        {
            if ((pick -= weight) < 0)
            {
                chosen = code;
                break;
            }
        }

        return chosen switch
        {
            418 => UpstreamResponse.Text(418, Teapot).WithHeader("x-more-info", "http://tools.ietf.org/html/rfc2324"),
            301 or 302 or 303 or 305 or 307 => UpstreamResponse.Empty(chosen).WithHeader("location", "/redirect/1"),
            401 => UpstreamResponse.Empty(401).WithHeader("www-authenticate", "Basic realm=\"Fake Realm\""),
            407 => UpstreamResponse.Empty(407).WithHeader("proxy-authenticate", "Basic realm=\"Fake Realm\""),
            _ => UpstreamResponse.Empty(chosen).WithHeader("content-type", "text/html; charset=utf-8"),
        };
    }

    /// <summary>httpbin shows headers title-cased (<c>X-Forwarded-Client-Cert</c>), repeated ones joined with commas.</summary>
    private static JsonObject HeadersObject(UpstreamRequest request)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Headers)
        {
            var title = TitleCase(name);
            headers[title] = headers.TryGetValue(title, out var existing) ? existing + "," + value : value;
        }

        var result = new JsonObject();
        foreach (var (name, value) in headers)
        {
            result[name] = value;
        }

        return result;
    }

    private static JsonObject Args(string query)
    {
        var args = new JsonObject();
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            args[Uri.UnescapeDataString(parts[0].Replace('+', ' '))] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : "";
        }

        return args;
    }

    private static string Url(UpstreamRequest request) => $"{request.Scheme}://{Header(request, "Host")}{request.Path}{request.Query}";

    private static string Header(UpstreamRequest request, string name) =>
        request.Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value ?? "";

    private static string TitleCase(string name) =>
        string.Join('-', name.Split('-').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..].ToLowerInvariant()));

    private static UpstreamResponse Json(JsonObject body) =>
        new(200, [new("content-type", "application/json")], Encoding.UTF8.GetBytes(body.ToJsonString(s_json) + "\n"));
}
