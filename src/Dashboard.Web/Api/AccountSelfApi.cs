using Dashboard.Core.Accounts;
using Dashboard.Core.Audit;
using Dashboard.Web.Auth;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

/// <summary><c>/api/me/sessions</c> and <c>/api/me/password</c>: the caller's own sessions and password.</summary>
internal static class AccountSelfApi
{
    private const string NoUser = "The bootstrap token belongs to no user: use a user's token or sign in as a user.";

    public static RouteGroupBuilder MapAccountSelfApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Me");
        me.MapGet("/sessions", ListSessionsAsync).WithSummary("Your signed-in browser sessions (live ones), newest first; current marks the one asking.");
        me.MapDelete("/sessions/{id:guid}", RevokeSessionAsync).WithSummary("End one of your sessions: its cookie stops working at once, here and on every replica.");
        me.MapPost("/password", ChangePasswordAsync).RequireRateLimiting(RateLimitSetup.PasswordChangeRateLimit)
            .WithSummary("Change your password ({currentPassword, newPassword, revokeApiTokens}) from a signed-in session (API tokens are refused); "
                + "every other session of yours ends, the one asking stays signed in. Wrong current passwords count toward the sign-in lockout.");
        return api;
    }

    private static async Task<Results<Ok<List<SessionResponse>>, BadRequest<ApiError>>> ListSessionsAsync(HttpContext http, SessionService sessions, CancellationToken ct)
    {
        if (DashboardClaims.UserIdOf(http.User) is not { } userId)
        {
            return TypedResults.BadRequest(new ApiError(NoUser));
        }

        var current = DashboardClaims.SessionIdOf(http.User);
        var list = await sessions.ListAsync(userId, ct);
        return TypedResults.Ok(list.Select(s => new SessionResponse(s.Id, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.IdleExpiresAt, s.UserAgent, s.RemoteAddress, s.Id == current)).ToList());
    }

    private static async Task<Results<NoContent, NotFound<ApiError>, BadRequest<ApiError>, ProblemHttpResult>> RevokeSessionAsync(
        Guid id, HttpContext http, SessionService sessions, SessionValidator validator, CancellationToken ct)
    {
        if (DashboardClaims.UserIdOf(http.User) is not { } userId)
        {
            return TypedResults.BadRequest(new ApiError(NoUser));
        }

        if (await ConfirmedActorAsync(http, validator, ct) is not { } actor)
        {
            return SessionEnded();
        }

        if (!await sessions.RevokeAsync(userId, id, actor, ct))
        {
            return TypedResults.NotFound(new ApiError($"You have no live session {id}: list yours with GET /api/me/sessions."));
        }

        validator.Forget(id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, BadRequest<ApiError>, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, HttpContext http, OwnPasswordService passwords, SessionValidator validator, CancellationToken ct)
    {
        // A token is a long-lived credential kept in scripts and CI settings: one that leaked must not be able to take
        // the account over (and lock its owner out) by changing the password, nor serve as a password oracle.
        if (http.User.Identity?.AuthenticationType != DashboardClaims.CookieScheme || DashboardClaims.UserIdOf(http.User) is not { } userId)
        {
            return TypedResults.Problem(
                "Passwords are changed only from a signed-in browser session, not with an API token: a leaked token must not be able to take over its owner's account. Sign in and use Settings → Password.",
                statusCode: StatusCodes.Status403Forbidden, title: "Password changes need a signed-in session");
        }

        if (await ConfirmedActorAsync(http, validator, ct) is not { } actor)
        {
            return SessionEnded();
        }

        var change = new OwnPasswordChange(request.CurrentPassword ?? string.Empty, request.NewPassword ?? string.Empty, request.RevokeApiTokens);
        var result = await passwords.ChangeAsync(userId, change, DashboardClaims.SessionIdOf(http.User), actor, ct);
        if (result.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = AccountEndpoints.Seconds(wait)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(result.Error, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many wrong passwords");
        }

        if (!result.Succeeded)
        {
            return TypedResults.BadRequest(new ApiError(result.Error!));
        }

        validator.Forget(userId);
        return TypedResults.NoContent();
    }

    // A cookie caller is re-read from the store, not the validation cache: a session signed out on another replica a
    // moment ago must not change credentials. The audit gets this request's address.
    internal static async Task<Actor?> ConfirmedActorAsync(HttpContext http, SessionValidator validator, CancellationToken ct)
    {
        if (http.User.Identity?.AuthenticationType != DashboardClaims.CookieScheme)
        {
            return DashboardClaims.ActorOf(http.User, http);
        }

        return await validator.ConfirmAsync(http.User, ct) is { } actor ? actor with { RemoteAddress = http.Connection.RemoteIpAddress?.ToString() } : null;
    }

    internal static ProblemHttpResult SessionEnded() =>
        TypedResults.Problem("This session has ended (signed out, revoked or expired): sign in again.", statusCode: StatusCodes.Status401Unauthorized, title: "Session ended");
}
