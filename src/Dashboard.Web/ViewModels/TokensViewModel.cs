using System.Security.Claims;
using Dashboard.Core.Accounts;
using Dashboard.Web.Auth;

namespace Dashboard.Web.ViewModels;

/// <summary>The signed-in user's API tokens: list, create (shown once), revoke.</summary>
public sealed class TokensViewModel(ApiTokenService tokens, SessionValidator sessions)
{
    public IReadOnlyList<ApiTokenSummary> Tokens { get; private set; } = [];

    public string NewTokenName { get; set; } = string.Empty;

    public int? NewTokenLifetimeDays { get; set; } = (int)ApiTokenService.DefaultLifetime.TotalDays;

    /// <summary>A token that never expires: only when ticked, never because the lifetime was left empty.</summary>
    public bool NewTokenNeverExpires { get; set; }

    /// <summary>The token just created; shown until the user dismisses it, never again after.</summary>
    public CreatedApiToken? JustCreated { get; private set; }

    public string? Error { get; private set; }

    public async Task LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Tokens = await tokens.ListAsync(DashboardClaims.UserIdOf(user) ?? -1, cancellationToken);

    public async Task CreateAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Error = null;
        if (string.IsNullOrWhiteSpace(NewTokenName))
        {
            Error = "Give the token a name that says where it is used, e.g. \"CI pipeline\".";
            return;
        }

        if (!NewTokenNeverExpires && NewTokenLifetimeDays is not (>= 1 and <= 3650))
        {
            Error = "The lifetime must be 1 to 3650 days; tick \"Never expires\" for a token without an end.";
            return;
        }

        // The circuit's sign-in state may be minutes old: a tab signed out elsewhere must not mint a credential.
        if (await sessions.ConfirmAsync(user, cancellationToken) is not { } actor)
        {
            Error = SessionValidator.EndedMessage;
            return;
        }

        var userId = DashboardClaims.UserIdOf(user) ?? throw new InvalidOperationException("A signed-in user has an id.");
        var lifetime = NewTokenNeverExpires ? (TimeSpan?)null : TimeSpan.FromDays(NewTokenLifetimeDays!.Value);
        JustCreated = await tokens.CreateAsync(userId, NewTokenName, lifetime, actor, cancellationToken);
        NewTokenName = string.Empty;
        NewTokenNeverExpires = false;
        await LoadAsync(user, cancellationToken);
    }

    public void DismissCreated() => JustCreated = null;

    public async Task RevokeAsync(ClaimsPrincipal user, int tokenId, CancellationToken cancellationToken)
    {
        Error = null;
        if (await sessions.ConfirmAsync(user, cancellationToken) is not { } actor)
        {
            Error = SessionValidator.EndedMessage;
            return;
        }

        await tokens.RevokeAsync(tokenId, DashboardClaims.UserIdOf(user) ?? -1, asAdmin: false, actor, cancellationToken);
        await LoadAsync(user, cancellationToken);
    }
}
