using System.Security.Claims;
using Dashboard.Core.Accounts;
using Dashboard.Core.Audit;
using Microsoft.Extensions.Caching.Memory;

namespace Dashboard.Web.Auth;

/// <summary>
/// Decides whether a cookie still counts: its server-side session is live (not signed out, revoked, expired or idle
/// too long) and its user enabled and unchanged. Answers are cached for a few seconds so pages stay cheap; a change
/// made in this process takes effect at once (<see cref="Forget(Guid)"/>, <see cref="Forget(int)"/>), one made on
/// another replica within the cache time. Actions that mint credentials or change them ask
/// <see cref="ConfirmAsync"/>, which never answers from the cache.
/// </summary>
public sealed class SessionValidator(SessionService sessions, IMemoryCache cache, TimeProvider time)
{
    /// <summary>What a page says when <see cref="ConfirmAsync"/> finds its session ended.</summary>
    public const string EndedMessage = "This page's session has ended (signed out, revoked or expired): nothing was changed. Reload the page to sign in again.";

    // Lifetimes are relative to the cache's own clock; the times stored in the entries come from the TimeProvider and
    // are only compared with each other. An ending's mark outlives any answer read before it: such an answer is kept
    // only when it was read within s_cacheFor, and then for s_cacheFor at most.
    private static readonly TimeSpan s_cacheFor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_markFor = 2 * s_cacheFor;

    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = DashboardClaims.UserIdOf(principal);
        if (DashboardClaims.SessionIdOf(principal) is not { } sessionId || userId is null)
        {
            return false;
        }

        // Taken before the store is read: an ending recorded after this moment outdates the answer below.
        var checkedAt = time.GetUtcNow();
        if (cache.TryGetValue(SessionKey(sessionId), out Answer? cached) && cached is not null
            && !EndedSince(UserKey(userId.Value), cached.At) && !EndedSince(EndedKey(sessionId), cached.At))
        {
            return cached.Valid;
        }

        var valid = Matches(principal, await sessions.ValidateAsync(sessionId, cancellationToken));
        if (time.GetUtcNow() - checkedAt < s_cacheFor && !EndedSince(UserKey(userId.Value), checkedAt) && !EndedSince(EndedKey(sessionId), checkedAt))
        {
            cache.Set(SessionKey(sessionId), new Answer(valid, checkedAt), s_cacheFor);
        }

        return valid;
    }

    /// <summary>
    /// Reads the session from the store, bypassing the cache (an open tab signed out on another replica a moment ago
    /// must not mint a token or change a password): the actor to audit, with the address the session signed in from,
    /// or null when the session no longer counts.
    /// </summary>
    public async Task<Actor?> ConfirmAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (DashboardClaims.SessionIdOf(principal) is not { } sessionId)
        {
            return null;
        }

        var live = await sessions.ValidateAsync(sessionId, cancellationToken);
        return Matches(principal, live) ? new Actor(live!.User.UserName, live.RemoteAddress) : null;
    }

    /// <summary>
    /// A session ended here (signed out or revoked): its cached answer is dropped, and an answer that a request read
    /// from the store before the ending (and caches after it) is outdated by the ending's time.
    /// </summary>
    public void Forget(Guid sessionId)
    {
        cache.Remove(SessionKey(sessionId));
        cache.Set(EndedKey(sessionId), time.GetUtcNow(), s_markFor);
    }

    /// <summary>Forgets every answer about a user's sessions (the user was changed here).</summary>
    public void Forget(int userId) => cache.Set(UserKey(userId), time.GetUtcNow(), s_markFor);

    private static bool Matches(ClaimsPrincipal principal, LiveSession? live) =>
        live is not null && live.User.Id == DashboardClaims.UserIdOf(principal) && DashboardClaims.RoleOf(principal) == live.User.Role;

    private bool EndedSince(object key, DateTimeOffset answeredAt) => cache.TryGetValue(key, out DateTimeOffset ended) && ended >= answeredAt;

    private static (string, Guid) SessionKey(Guid sessionId) => (nameof(SessionValidator), sessionId);

    private static (string, Guid) EndedKey(Guid sessionId) => (nameof(SessionValidator) + ".ended", sessionId);

    private static (string, int) UserKey(int userId) => (nameof(SessionValidator) + ".user", userId);

    private sealed record Answer(bool Valid, DateTimeOffset At);
}
