using Dashboard.Core.Accounts;
using Dashboard.Core.Audit;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Auth;

/// <summary>Form posts for signing in and out (the login page is static server-rendered so it can set the cookie).</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The login form binds form fields, so the antiforgery middleware checks its token; logout binds none and
        // checks it explicitly (a cross-site form could otherwise sign a user out).
        endpoints.MapPost("/account/login", LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimitSetup.LoginRateLimit).ExcludeFromDescription();
        endpoints.MapPost("/account/logout", LogoutAsync).AddEndpointFilter(RequireAntiforgeryTokenAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext http, SignInService signIn, SignInFlashCookie flash)
    {
        var target = SafeReturnUrl(returnUrl);
        var client = new Actor("anonymous", http.Connection.RemoteIpAddress?.ToString());
        var result = await signIn.SignInAsync(userName ?? string.Empty, password ?? string.Empty, new SignInRequest(client, http.Request.Headers.UserAgent.ToString()), http.RequestAborted);
        if (result.Status != SignInStatus.Succeeded)
        {
            var error = result.Status switch
            {
                SignInStatus.Disabled => "disabled",
                SignInStatus.LockedOut => "locked",
                _ => "invalid",
            };
            flash.Write(http, new SignInFlash(error, userName?.Trim(), Seconds(result.RetryAfter)));
            return BackToLogin(target);
        }

        var user = result.User!;
        await http.SignInAsync(
            DashboardClaims.CookieScheme,
            DashboardClaims.ForUser(user.Id, user.UserName, user.Role, result.SessionId!.Value),
            new AuthenticationProperties { IsPersistent = false });
        return TypedResults.LocalRedirect(target);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, SessionService sessions, SessionValidator validator)
    {
        var actor = DashboardClaims.ActorOf(http.User, http);
        if (DashboardClaims.SessionIdOf(http.User) is { } sessionId)
        {
            // Ends the session on the server: a copy of the cookie, or a page open in another tab, stops working too.
            await sessions.SignOutAsync(sessionId, actor, http.RequestAborted);
            validator.Forget(sessionId);
        }

        await http.SignOutAsync(DashboardClaims.CookieScheme);
        return Results.Redirect("/login?signedOut=1");
    }

    /// <summary>The sign-in form again, with what happened carried in the flash cookie (the rate limiter's rejection uses it too).</summary>
    internal static RedirectHttpResult BackToLogin(string returnUrl) =>
        TypedResults.Redirect("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));

    internal static int? Seconds(TimeSpan? wait) => wait is { } w ? (int)Math.Max(1, Math.Ceiling(w.TotalSeconds)) : null;

    /// <summary>
    /// Only local paths (ASP.NET Core's <c>IsLocalUrl</c>: no "//host", "/\host", control characters such as a tab or
    /// a newline that browsers strip): an open redirect after sign-in would hand a phishing site a trusted hop. The
    /// account endpoints themselves are no destination.
    /// </summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is not null && RedirectHttpResult.IsLocalUrl(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("/account/", StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/";

    private static async ValueTask<object?> RequireAntiforgeryTokenAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            return TypedResults.Problem("The form's antiforgery token is missing or not this session's: reload the page and try again.",
                statusCode: StatusCodes.Status400BadRequest, title: "The request did not come from the dashboard's own page");
        }

        return await next(context);
    }
}
