using System.Security.Claims;
using Dashboard.Core.Accounts;
using Microsoft.Extensions.Caching.Memory;

namespace Dashboard.Web.Auth;

/// <summary>
/// Decides whether a signed-in session is still good: the user exists, is enabled and the security stamp (changed
/// by role, password and enable/disable changes) still matches. Answers are cached briefly so pages stay cheap.
/// </summary>
public sealed class SessionValidator(AccountService accounts, IMemoryCache cache, TimeProvider time)
{
    private static readonly TimeSpan s_cacheFor = TimeSpan.FromSeconds(15);

    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var id = DashboardClaims.UserIdOf(principal);
        var stamp = principal.FindFirstValue(DashboardClaims.SecurityStamp);
        if (id is null || stamp is null)
        {
            return false;
        }

        var key = (nameof(SessionValidator), id.Value);
        if (!cache.TryGetValue(key, out UserSummary? user))
        {
            user = await accounts.FindAsync(id.Value, cancellationToken);
            cache.Set(key, user, time.GetUtcNow() + s_cacheFor);
        }

        return user is { Disabled: false } && string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>Forgets a cached answer, so a change to a user takes effect at once.</summary>
    public void Forget(int userId) => cache.Remove((nameof(SessionValidator), userId));
}
