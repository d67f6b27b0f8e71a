using System.Security.Claims;
using Dashboard.Web.Auth;
using Dashboard.Web.Hosting;

namespace Dashboard.Web.Security;

/// <summary>
/// CSRF defence for what the browser's sign-in cookie reaches outside forms: an unsafe <c>/api</c> request
/// authenticated by the cookie must carry <c>X-Requested-With</c> (a header no cross-site page can add without a
/// CORS preflight, which this app never grants) and come from this origin (<c>Origin</c>, or <c>Referer</c> when a
/// browser sends no Origin, as OWASP recommends). Bearer-token requests carry no ambient credential and pass.
/// The circuit's hub (<c>/_blazor</c>) refuses a WebSocket or negotiate from another origin. Another port of the
/// same host is another origin, although SameSite cookies treat it as the same site.
/// </summary>
internal static class CrossSiteRequestGuard
{
    /// <summary>The header a same-origin script sends (fetch/XHR may add it; a cross-site form cannot).</summary>
    public const string HeaderName = "X-Requested-With";

    public static IApplicationBuilder UseCrossSiteRequestGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (Refusal(http.Request, http.User) is { } problem)
        {
            await Results.Problem(problem, statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused").ExecuteAsync(http);
            return;
        }

        await next(http);
    });

    /// <summary>Why a request is refused, naming the fix; null when it may pass.</summary>
    internal static string? Refusal(HttpRequest request, ClaimsPrincipal user)
    {
        var expected = $"{request.Scheme}://{request.Host}";
        if (request.Path.StartsWithSegments("/_blazor"))
        {
            return request.Headers.Origin.ToString() is { Length: > 0 } hubOrigin && !SameOrigin(hubOrigin, expected)
                ? $"The dashboard's pages connect only from {expected}, not from {hubOrigin}."
                : null;
        }

        if (!AuthSetup.IsApiRequest(request) || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || user.Identity?.AuthenticationType != DashboardClaims.CookieScheme)
        {
            return null;
        }

        const string Fix = " Scripts should authenticate with an API token (Authorization: Bearer <token>, Settings → API tokens) instead of the browser's cookie.";
        if (!request.Headers.ContainsKey(HeaderName))
        {
            return $"A {request.Method} to /api signed in with the browser's cookie must carry the header '{HeaderName}: XMLHttpRequest' and come from {expected}." + Fix;
        }

        var origin = request.Headers.Origin.ToString();
        var source = origin.Length > 0 ? origin : request.Headers.Referer.ToString();
        if (source.Length == 0)
        {
            return $"A {request.Method} to /api signed in with the browser's cookie must say where it comes from (an Origin or Referer header of {expected})." + Fix;
        }

        return SameOrigin(source, expected)
            ? null
            : $"A {request.Method} to /api signed in with the browser's cookie came from {Describe(source)}, not from {expected}. Behind a TLS-terminating proxy, list it under ForwardedHeaders:KnownProxies so the dashboard sees the scheme browsers use." + Fix;
    }

    private static bool SameOrigin(string source, string expected) =>
        Uri.TryCreate(source, UriKind.Absolute, out var from) && Uri.TryCreate(expected, UriKind.Absolute, out var self)
        && string.Equals(from.Scheme, self.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(from.IdnHost, self.IdnHost, StringComparison.OrdinalIgnoreCase)
        && from.Port == self.Port;

    private static string Describe(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var from) ? from.GetLeftPart(UriPartial.Authority) : "an origin that is not a URL";
}
