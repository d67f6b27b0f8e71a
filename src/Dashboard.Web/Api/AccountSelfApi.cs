using Dashboard.Core.Accounts;
using Dashboard.Web.Auth;
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
        me.MapPost("/password", ChangePasswordAsync)
            .WithSummary("Change your password ({currentPassword, newPassword}); every other session of yours ends, the one asking stays signed in.");
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

    private static async Task<Results<NoContent, NotFound<ApiError>, BadRequest<ApiError>>> RevokeSessionAsync(
        Guid id, HttpContext http, SessionService sessions, SessionValidator validator, CancellationToken ct)
    {
        if (DashboardClaims.UserIdOf(http.User) is not { } userId)
        {
            return TypedResults.BadRequest(new ApiError(NoUser));
        }

        if (!await sessions.RevokeAsync(userId, id, DashboardClaims.ActorOf(http.User, http), ct))
        {
            return TypedResults.NotFound(new ApiError($"You have no live session {id}: list yours with GET /api/me/sessions."));
        }

        validator.Forget(id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, BadRequest<ApiError>>> ChangePasswordAsync(
        ChangePasswordRequest request, HttpContext http, AccountService accounts, SessionValidator validator, CancellationToken ct)
    {
        if (DashboardClaims.UserIdOf(http.User) is not { } userId)
        {
            return TypedResults.BadRequest(new ApiError(NoUser));
        }

        var result = await accounts.ChangeOwnPasswordAsync(
            userId, request.CurrentPassword ?? string.Empty, request.NewPassword ?? string.Empty, DashboardClaims.SessionIdOf(http.User), DashboardClaims.ActorOf(http.User, http), ct);
        if (!result.Succeeded)
        {
            return TypedResults.BadRequest(new ApiError(result.Error!));
        }

        validator.Forget(userId);
        return TypedResults.NoContent();
    }
}
