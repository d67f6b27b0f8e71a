using Dashboard.Core.Storage;

namespace Dashboard.Web.Api;

/// <summary>The caller.</summary>
public sealed record MeResponse(string Name, DashboardRole Role, string AuthenticatedBy);

/// <summary>Create a token for yourself: it lives <c>lifetimeDays</c> (omitted: 90), or forever with <c>neverExpires: true</c>.</summary>
public sealed record CreateTokenRequest(string Name, int? LifetimeDays, bool NeverExpires = false);

/// <summary>A new token: <see cref="Token"/> is shown only in this response.</summary>
public sealed record CreateTokenResponse(int Id, string Name, string Prefix, DateTime? ExpiresAt, string Token)
{
    public override string ToString() => $"CreateTokenResponse {{ Id = {Id}, Name = {Name}, Prefix = {Prefix}, Token = *** }}";
}

/// <summary>Create a user (admins only).</summary>
public sealed record CreateUserRequest(string UserName, string Password, DashboardRole Role)
{
    public override string ToString() => $"CreateUserRequest {{ UserName = {UserName}, Role = {Role}, Password = *** }}";
}

/// <summary>A user as the API shows it: no password material and no security stamp (a session's proof of freshness).</summary>
public sealed record UserResponse(int Id, string UserName, DashboardRole Role, bool Disabled, DateTime CreatedAt, DateTime? LastLoginAt)
{
    internal static UserResponse From(Core.Accounts.UserSummary user) =>
        new(user.Id, user.UserName, user.Role, user.Disabled, user.CreatedAt, user.LastLoginAt);
}

/// <summary>Change a user (admins only); null fields stay as they are.</summary>
public sealed record UpdateUserRequest(DashboardRole? Role, bool? Disabled);

/// <summary>A problem in words, with the fix.</summary>
public sealed record ApiError(string Error);

/// <summary>One of your signed-in browser sessions; <see cref="Current"/> is the one asking.</summary>
public sealed record SessionResponse(Guid Id, DateTime CreatedAt, DateTime LastSeenAt, DateTime ExpiresAt, DateTime IdleExpiresAt, string? UserAgent, string? RemoteAddress, bool Current);

/// <summary>Change your own password: the current one proves it is you; <c>revokeApiTokens</c> also revokes every token of yours.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword, bool RevokeApiTokens = false)
{
    public override string ToString() => $"ChangePasswordRequest {{ CurrentPassword = ***, NewPassword = ***, RevokeApiTokens = {RevokeApiTokens} }}";
}
