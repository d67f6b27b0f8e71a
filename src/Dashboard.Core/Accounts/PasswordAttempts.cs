using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Accounts;

/// <summary>One password attempt, counted before the password is checked.</summary>
/// <param name="LockedFor">Set when the account takes no attempt now: how long until it does.</param>
/// <param name="Failures">The attempts in a row this one makes (it counts as failed until the password proves right).</param>
/// <param name="LockoutIfWrong">The lockout already set in case this attempt's password is wrong (null below the threshold).</param>
internal sealed record PasswordAttempt(TimeSpan? LockedFor, int Failures, TimeSpan? LockoutIfWrong)
{
    public bool Refused => LockedFor is not null;
}

/// <summary>
/// The per-account lockout shared by sign-in and the change of one's own password. An attempt is counted in the store,
/// atomically, before the slow hash runs: a compare-and-swap on the counter, guarded by the lock, so that parallel
/// attempts can neither read the same count nor all pass before one of them locks the account. The attempt that
/// reaches the threshold sets the lock up front; a right password then lifts it again (<see cref="SucceededAsync"/>).
/// So at most <see cref="AccountPolicy.LockoutThreshold"/> passwords are checked before the first lockout, and one
/// per lockout after it, however many requests arrive at once. Plain SQL updates: the same on SQLite and PostgreSQL.
/// </summary>
internal static class PasswordAttempts
{
    // Each lost race means another attempt was counted; the cap only bounds a pathological pile-up.
    private const int MaxRaces = 64;

    public static async Task<PasswordAttempt> BeginAsync(DashboardDbContext db, int userId, AccountPolicy rules, DateTime now, CancellationToken cancellationToken)
    {
        for (var race = 0; race < MaxRaces; race++)
        {
            var state = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.FailedSignIns, u.LockedUntil }).SingleAsync(cancellationToken);
            if (state.LockedUntil is { } until && until > now)
            {
                return new PasswordAttempt(until - now, state.FailedSignIns, null);
            }

            var failures = state.FailedSignIns + 1;
            var lockout = rules.LockoutAfter(failures);
            DateTime? lockedUntil = lockout is { } l ? now + l : state.LockedUntil;
            var counted = await db.Users
                .Where(u => u.Id == userId && u.FailedSignIns == state.FailedSignIns && (u.LockedUntil == null || u.LockedUntil <= now))
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.FailedSignIns, failures).SetProperty(x => x.LockedUntil, lockedUntil), cancellationToken);
            if (counted == 1)
            {
                return new PasswordAttempt(null, failures, lockout);
            }
        }

        return new PasswordAttempt(rules.LockoutDuration, 0, null);
    }

    /// <summary>The password was right: the count starts again and a lock set up front by this attempt is lifted.</summary>
    public static Task SucceededAsync(DashboardDbContext db, int userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.FailedSignIns, 0).SetProperty(x => x.LockedUntil, (DateTime?)null), cancellationToken);
}
