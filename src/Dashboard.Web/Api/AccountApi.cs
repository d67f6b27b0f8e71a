using Dashboard.Core.Accounts;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

/// <summary><c>/api/me</c>, <c>/api/tokens</c> and <c>/api/users</c>.</summary>
internal static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (HttpContext http) => new MeResponse(
            http.User.Identity!.Name!, DashboardClaims.RoleOf(http.User), http.User.Identity.AuthenticationType ?? "unknown"))
            .WithSummary("Who the caller is and what role they have.");

        api.MapAccountSelfApi();

        var tokens = api.MapGroup("/tokens").WithTags("Tokens");
        tokens.MapGet("/", ListTokensAsync).WithSummary("Your API tokens (admins: everyone's). The tokens themselves are never shown again.");
        tokens.MapPost("/", CreateTokenAsync).WithSummary("Create an API token for yourself; the response holds it once.");
        tokens.MapDelete("/{id:int}", RevokeTokenAsync).WithSummary("Revoke one of your tokens (admins: any).");

        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapGet("/", ListUsersAsync).WithSummary("All users.");
        users.MapPost("/", CreateUserAsync).WithSummary("Create a user.");
        users.MapPatch("/{id:int}", UpdateUserAsync).WithSummary("Change a user's role or enabled state.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ApiTokenSummary>>> ListTokensAsync(HttpContext http, ApiTokenService tokens, CancellationToken ct)
    {
        var everyone = http.User.IsInRole(nameof(Core.Storage.DashboardRole.Admin));
        var list = await tokens.ListAsync(everyone ? null : DashboardClaims.UserIdOf(http.User) ?? -1, ct);
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Created<CreateTokenResponse>, BadRequest<ApiError>, ProblemHttpResult>> CreateTokenAsync(
        CreateTokenRequest request, HttpContext http, ApiTokenService tokens, SessionValidator validator, CancellationToken ct)
    {
        if (DashboardClaims.UserIdOf(http.User) is not { } userId)
        {
            return TypedResults.BadRequest(new ApiError("The bootstrap token belongs to no user: sign in as a user (or use a user's token) to create tokens."));
        }

        if (request.LifetimeDays is < 1 or > 3650)
        {
            return TypedResults.BadRequest(new ApiError($"lifetimeDays must be between 1 and 3650 (omitted: {ApiTokenService.DefaultLifetime.TotalDays} days)."));
        }

        if (request.LifetimeDays is not null && request.NeverExpires)
        {
            return TypedResults.BadRequest(new ApiError("Give either lifetimeDays or neverExpires: true, not both."));
        }

        // A token that never expires is a choice made explicitly; forgetting the lifetime gets the default.
        TimeSpan? lifetime = request.NeverExpires ? null : request.LifetimeDays is { } days ? TimeSpan.FromDays(days) : ApiTokenService.DefaultLifetime;
        if (await AccountSelfApi.ConfirmedActorAsync(http, validator, ct) is not { } actor)
        {
            return AccountSelfApi.SessionEnded();
        }

        var created = await tokens.CreateAsync(userId, request.Name, lifetime, actor, ct);
        var s = created.Summary;
        return TypedResults.Created($"/api/tokens/{s.Id}", new CreateTokenResponse(s.Id, s.Name, s.Prefix, s.ExpiresAt, created.Token));
    }

    private static async Task<Results<NoContent, NotFound<ApiError>>> RevokeTokenAsync(int id, HttpContext http, ApiTokenService tokens, CancellationToken ct)
    {
        var isAdmin = http.User.IsInRole(nameof(Core.Storage.DashboardRole.Admin));
        var revoked = await tokens.RevokeAsync(id, DashboardClaims.UserIdOf(http.User) ?? -1, isAdmin, DashboardClaims.ActorOf(http.User, http), ct);
        return revoked ? TypedResults.NoContent() : TypedResults.NotFound(new ApiError($"No token {id} of yours exists: list your tokens with GET /api/tokens."));
    }

    private static async Task<Ok<List<UserResponse>>> ListUsersAsync(AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok((await accounts.ListAsync(ct)).Select(UserResponse.From).ToList());

    private static async Task<Results<Created<UserResponse>, BadRequest<ApiError>>> CreateUserAsync(
        CreateUserRequest request, HttpContext http, AccountService accounts, CancellationToken ct)
    {
        var result = await accounts.CreateAsync(request.UserName, request.Password, request.Role, DashboardClaims.ActorOf(http.User, http), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/users/{result.User!.Id}", UserResponse.From(result.User))
            : TypedResults.BadRequest(new ApiError(result.Error!));
    }

    private static async Task<Results<Ok<UserResponse>, BadRequest<ApiError>>> UpdateUserAsync(
        int id, UpdateUserRequest request, HttpContext http, AccountService accounts, SessionValidator sessions, CancellationToken ct)
    {
        var actor = DashboardClaims.ActorOf(http.User, http);
        AccountResult? result = null;
        if (request.Role is { } role)
        {
            result = await accounts.SetRoleAsync(id, role, actor, ct);
        }

        if (request.Disabled is { } disabled && result?.Succeeded != false)
        {
            result = await accounts.SetDisabledAsync(id, disabled, actor, ct);
        }

        // Disabling a user or changing their role ends their sessions: forget what this replica cached about them.
        sessions.Forget(id);
        return result switch
        {
            null => TypedResults.BadRequest(new ApiError("Nothing to change: give role and/or disabled.")),
            { Succeeded: true } => TypedResults.Ok(UserResponse.From(result.User!)),
            _ => TypedResults.BadRequest(new ApiError(result.Error!)),
        };
    }
}
