using System.Security.Cryptography;

namespace Dashboard.Web.Security;

/// <summary>
/// Security headers on every response (pages, /api, static files, errors): a Content Security Policy fit for
/// Blazor Server and MudBlazor, no framing, no MIME sniffing, referrers kept on this origin.
/// </summary>
internal static class SecurityHeaders
{
    private const string NonceKey = "dashboard.csp-nonce";

    // MudBlazor renders style attributes and its theme as a <style> element, and Blazor patches style attributes
    // in the DOM: styles need 'unsafe-inline'. Scripts do not: blazor.web.js and MudBlazor.min.js are files, and the
    // one inline script (the import map) carries this response's nonce. connect-src 'self' covers the circuit's
    // WebSocket on the same host and port.
    private static string AppPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Hangfire's dashboard is its own markup with inline handlers we do not control: no script policy, but no
    // framing (clickjacking its buttons), plugins or foreign form targets either.
    private const string JobsPolicy = "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The nonce of this response's Content Security Policy, for the inline scripts the app renders.</summary>
    public static string NonceOf(HttpContext http) =>
        http.Items.TryGetValue(NonceKey, out var nonce) && nonce is string value ? value : string.Empty;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;

        // On starting, not now: the exception handler clears the headers of a failed response before it writes its own.
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/jobs") ? JobsPolicy : AppPolicy(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";

            // Not no-referrer: a browser then sends "Origin: null" on same-origin form posts, which the CSRF check refuses.
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(http);
    });
}
