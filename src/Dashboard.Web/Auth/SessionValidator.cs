using System.Security.Claims;
using Dashboard.Core.Accounts;
using Microsoft.Extensions.Caching.Memory;

namespace Dashboard.Web.Auth;

/// <summary>
/// Decides whether a cookie still counts: its server-side session is live (not signed out, revoked, expired or idle
/// too long) and its user enabled and unchanged. Answers are cached for a few seconds so pages stay cheap; a change
/// made in this process takes effect at once (<see cref="Forget(Guid)"/>, <see cref="Forget(int)"/>), one made on
/// another replica within the cache time.
/// </summary>
public sealed class SessionValidator(SessionService sessions, IMemoryCache cache, TimeProvider time)
{
    private static readonly TimeSpan s_cacheFor = TimeSpan.FromSeconds(10);

    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = DashboardClaims.UserIdOf(principal);
        if (DashboardClaims.SessionIdOf(principal) is not { } sessionId || userId is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (cache.TryGetValue(SessionKey(sessionId), out Answer? cached) && cached is not null
            && !(cache.TryGetValue(UserKey(userId.Value), out DateTimeOffset changed) && changed >= cached.At))
        {
            return cached.Valid;
        }

        var user = await sessions.ValidateAsync(sessionId, cancellationToken);
        var valid = user is not null && user.Id == userId && DashboardClaims.RoleOf(principal) == user.Role;
        cache.Set(SessionKey(sessionId), new Answer(valid, now), now + s_cacheFor);
        return valid;
    }

    /// <summary>Forgets the answer for one session (signed out or revoked here).</summary>
    public void Forget(Guid sessionId) => cache.Remove(SessionKey(sessionId));

    /// <summary>Forgets every answer about a user's sessions (the user was changed here).</summary>
    public void Forget(int userId) => cache.Set(UserKey(userId), time.GetUtcNow(), time.GetUtcNow() + s_cacheFor);

    private static (string, Guid) SessionKey(Guid sessionId) => (nameof(SessionValidator), sessionId);

    private static (string, int) UserKey(int userId) => (nameof(SessionValidator) + ".user", userId);

    private sealed record Answer(bool Valid, DateTimeOffset At);
}
