using System.Text.Json;
using Dashboard.Web.Options;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Auth;

/// <summary>Why the last sign-in did not succeed, what was typed as the user name, and when to try again.</summary>
/// <param name="Error">invalid, disabled, locked or rate.</param>
/// <param name="UserName">The name as typed, so the form keeps it.</param>
/// <param name="RetryAfterSeconds">With locked or rate: seconds until another attempt is taken.</param>
internal sealed record SignInFlash(string Error, string? UserName, int? RetryAfterSeconds);

/// <summary>
/// Carries a failed sign-in's outcome from the form post to the sign-in page it redirects to, in a short-lived,
/// encrypted, HttpOnly cookie scoped to <c>/login</c>: never in the URL, where the typed name (sometimes a password
/// typed in the wrong field) would reach browser history and proxy logs. MVC's TempData does the same; this app
/// has no MVC.
/// </summary>
internal sealed class SignInFlashCookie(IDataProtectionProvider protection, IOptions<AuthOptions> auth)
{
    private const string CookieName = "dashboard.signin";
    private static readonly TimeSpan s_lifetime = TimeSpan.FromMinutes(1);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Dashboard.Web.SignInFlash").ToTimeLimitedDataProtector();

    public void Write(HttpContext http, SignInFlash flash)
    {
        var limited = flash with { UserName = flash.UserName is { Length: > 256 } name ? name[..256] : flash.UserName };
        http.Response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(limited), s_lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/login",
            MaxAge = s_lifetime,
            Secure = auth.Value.RequireSecureCookies || http.Request.IsHttps,
            IsEssential = true,
        });
    }

    /// <summary>The flash, once: reading it deletes the cookie.</summary>
    public SignInFlash? Take(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!http.Response.HasStarted)
        {
            http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/login" });
        }

        try
        {
            return JsonSerializer.Deserialize<SignInFlash>(_protector.Unprotect(value));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            // Expired, from another key ring, or tampered with: as if there were none.
            return null;
        }
    }
}
