using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Accounts;

/// <summary>A user's change of their own password.</summary>
/// <param name="CurrentPassword">Proves it is them.</param>
/// <param name="NewPassword">The new one.</param>
/// <param name="RevokeApiTokens">Also revoke every API token of theirs (for when the password was changed because of a leak).</param>
public sealed record OwnPasswordChange(string CurrentPassword, string NewPassword, bool RevokeApiTokens = false)
{
    /// <summary>Keeps the passwords out of logs and debugger displays that print records.</summary>
    public override string ToString() => $"OwnPasswordChange {{ CurrentPassword = ***, NewPassword = ***, RevokeApiTokens = {RevokeApiTokens} }}";
}

/// <summary>
/// Users change their own password by proving the current one. A wrong current password counts toward the same
/// lockout as a failed sign-in, and a locked account takes no attempt here either: otherwise a stolen session would be
/// an unthrottled oracle for the password. The change, the ended sessions, the revoked tokens and the audit entry are
/// one transaction.
/// </summary>
public sealed class OwnPasswordService(IDbContextFactory<DashboardDbContext> contexts, IAuditLog audit, TimeProvider time, IOptions<AccountPolicy> policy)
{
    private readonly PasswordHasher<UserAccount> _hasher = new();

    /// <summary>
    /// Changes the password; every other session of the user ends, <paramref name="currentSession"/> (the one asking)
    /// stays signed in.
    /// </summary>
    public async Task<AccountResult> ChangeAsync(int userId, OwnPasswordChange change, Guid? currentSession, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return AccountResult.Fail("Your user no longer exists: sign in again.");
        }

        var attempt = await PasswordAttempts.BeginAsync(db, user.Id, policy.Value, now, cancellationToken);
        if (attempt.LockedFor is { } lockedFor)
        {
            return await RefuseAsync(db, actor, user, $"locked out until {now + lockedFor:u}",
                AccountResult.Fail($"Too many wrong passwords for this user: try again in {Seconds(lockedFor)} s.", lockedFor), cancellationToken);
        }

        if (_hasher.VerifyHashedPassword(user, user.PasswordHash, change.CurrentPassword ?? string.Empty) == PasswordVerificationResult.Failed)
        {
            const string Wrong = "The current password is wrong: type the password you signed in with.";
            return await RefuseAsync(db, actor, user, $"wrong current password ({attempt.Failures} in a row)", attempt.LockoutIfWrong is { } lockout
                ? AccountResult.Fail($"{Wrong} Too many wrong passwords: this user takes none, sign-ins included, for {Seconds(lockout)} s.", lockout)
                : AccountResult.Fail(Wrong), cancellationToken);
        }

        await PasswordAttempts.SucceededAsync(db, user.Id, cancellationToken);
        var problem = AccountService.CheckPassword(change.NewPassword)
            ?? (change.NewPassword == change.CurrentPassword ? "The new password is the current one: choose a different password." : null);
        if (problem is not null)
        {
            return await RefuseAsync(db, actor, user, problem, AccountResult.Fail(problem), cancellationToken);
        }

        user.PasswordHash = _hasher.HashPassword(user, change.NewPassword);
        user.SecurityStamp = AccountService.NewStamp();
        var ended = await SessionService.EndAllAsync(db, user.Id, currentSession, "password changed", now, cancellationToken);
        if (currentSession is { } keep && await db.Sessions.SingleOrDefaultAsync(s => s.Id == keep && s.UserId == user.Id, cancellationToken) is { } session)
        {
            // The session that changed the password carries on under the new stamp.
            session.SecurityStamp = user.SecurityStamp;
        }

        var revoked = 0;
        if (change.RevokeApiTokens)
        {
            foreach (var token in await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ToListAsync(cancellationToken))
            {
                token.RevokedAt = now;
                revoked++;
            }
        }

        audit.Append(db, new AuditRecord(actor, "user.password", user.UserName, AuditResult.Succeeded,
            $"changed by the user; {ended} other session(s) ended" + (change.RevokeApiTokens ? $"; {revoked} API token(s) revoked" : string.Empty)));
        await db.SaveChangesAsync(cancellationToken);
        return AccountResult.Ok(UserSummary.From(user));
    }

    private async Task<AccountResult> RefuseAsync(DashboardDbContext db, Actor actor, UserAccount user, string details, AccountResult result, CancellationToken cancellationToken)
    {
        audit.Append(db, new AuditRecord(actor, "user.password", user.UserName, AuditResult.Denied, details));
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private static int Seconds(TimeSpan wait) => (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
}
