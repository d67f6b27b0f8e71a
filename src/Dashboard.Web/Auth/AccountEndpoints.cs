using Dashboard.Core.Accounts;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Auth;

/// <summary>Form posts for signing in and out (the login page is static server-rendered so it can set the cookie).</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/login", LoginAsync).AllowAnonymous().RequireRateLimiting(AuthSetup.LoginRateLimit).ExcludeFromDescription();
        endpoints.MapPost("/account/logout", LogoutAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext http, AccountService accounts)
    {
        var result = await accounts.SignInAsync(
            userName ?? string.Empty, password ?? string.Empty, new Actor("anonymous", http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted);
        var target = SafeReturnUrl(returnUrl);
        if (result.Status != SignInStatus.Succeeded)
        {
            var reason = result.Status == SignInStatus.Disabled ? "disabled" : "invalid";
            return Results.Redirect($"/login?error={reason}&returnUrl={Uri.EscapeDataString(target)}");
        }

        var user = result.User!;
        await http.SignInAsync(
            DashboardClaims.CookieScheme,
            DashboardClaims.ForUser(user.Id, user.UserName, user.Role, user.SecurityStamp),
            new AuthenticationProperties { IsPersistent = false });
        return Results.Redirect(target);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, IAuditLog audit)
    {
        var actor = DashboardClaims.ActorOf(http.User, http);
        await http.SignOutAsync(DashboardClaims.CookieScheme);
        await audit.RecordAsync(new AuditRecord(actor, "auth.logout", actor.Name, AuditResult.Succeeded), http.RequestAborted);
        return Results.Redirect("/login?signedOut=1");
    }

    // Only local paths: an open redirect after login would hand a phishing site a trusted hop.
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.StartsWith("/account/", StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/";
}
