using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Accounts;

/// <summary>The outcome of a sign-in: the user and the session started for them, or why not.</summary>
/// <param name="Status">What happened.</param>
/// <param name="User">The signed-in user (on success).</param>
/// <param name="SessionId">The session started (on success): the only thing the sign-in cookie carries.</param>
/// <param name="RetryAfter">With <see cref="SignInStatus.LockedOut"/>: how long until the account takes sign-ins again.</param>
public sealed record SignInResult(SignInStatus Status, UserSummary? User, Guid? SessionId = null, TimeSpan? RetryAfter = null);

/// <summary>Why a sign-in failed or succeeded.</summary>
public enum SignInStatus
{
    /// <summary>Name and password match an enabled user; a session was started.</summary>
    Succeeded,

    /// <summary>Unknown user or wrong password; deliberately not told apart.</summary>
    InvalidCredentials,

    /// <summary>The user exists but is disabled.</summary>
    Disabled,

    /// <summary>Too many failed sign-ins in a row: the account takes none until the lockout ends.</summary>
    LockedOut,
}

/// <summary>Who is signing in from where.</summary>
/// <param name="Actor">The client (its address; the name is filled in from the user).</param>
/// <param name="UserAgent">The browser's User-Agent, kept with the session so its owner recognises it.</param>
public sealed record SignInRequest(Actor Actor, string? UserAgent = null);

/// <summary>
/// Password sign-in: checks the password, locks an account for a while after repeated failures (in the store, so
/// every replica honours it), starts a server-side session, and audits the attempt, all in one transaction.
/// </summary>
public sealed class SignInService(IDbContextFactory<DashboardDbContext> contexts, IAuditLog audit, TimeProvider time, IOptions<AccountPolicy> policy)
{
    /// <summary>The name recorded for sign-ins with a user name that does not exist (it may be a password typed in the wrong field).</summary>
    public const string UnknownUser = "(unknown user)";

    private static readonly TimeSpan s_keepEndedSessions = TimeSpan.FromDays(30);
    private readonly PasswordHasher<UserAccount> _hasher = new();

    /// <summary>
    /// Checks a name and password; on success starts a session. Every attempt is audited and counted toward the
    /// lockout before the password is checked (see <see cref="PasswordAttempts"/>).
    /// </summary>
    public async Task<SignInResult> SignInAsync(string userName, string password, SignInRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = policy.Value;
        var normalized = AccountService.Normalize(userName);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == normalized, cancellationToken);
        if (user is null)
        {
            // Hash anyway so that unknown names take as long as wrong passwords.
            _hasher.HashPassword(new UserAccount { UserName = "x", PasswordHash = string.Empty, SecurityStamp = string.Empty }, password);
            return await DenyAsync(db, request.Actor with { Name = UnknownUser }, null, "unknown user", new SignInResult(SignInStatus.InvalidCredentials, null), cancellationToken);
        }

        var actor = request.Actor with { Name = user.UserName };
        var attempt = await PasswordAttempts.BeginAsync(db, user.Id, rules, now, cancellationToken);
        if (attempt.LockedFor is { } lockedFor)
        {
            return await DenyAsync(db, actor, user.UserName, $"locked out until {now + lockedFor:u}", new SignInResult(SignInStatus.LockedOut, null, RetryAfter: lockedFor), cancellationToken);
        }

        if (_hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            if (attempt.LockoutIfWrong is { } lockout)
            {
                return await DenyAsync(db, actor, user.UserName, $"wrong password ({attempt.Failures} in a row): locked for {lockout}",
                    new SignInResult(SignInStatus.LockedOut, null, RetryAfter: lockout), cancellationToken);
            }

            return await DenyAsync(db, actor, user.UserName, $"wrong password ({attempt.Failures} in a row)", new SignInResult(SignInStatus.InvalidCredentials, null), cancellationToken);
        }

        // The right password resets the count (and lifts the lock this attempt set up front), disabled user or not.
        await PasswordAttempts.SucceededAsync(db, user.Id, cancellationToken);
        if (user.Disabled)
        {
            return await DenyAsync(db, actor, user.UserName, "disabled", new SignInResult(SignInStatus.Disabled, null), cancellationToken);
        }

        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastLoginAt, now), cancellationToken);
        user.LastLoginAt = now;
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            SecurityStamp = user.SecurityStamp,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + rules.SessionAbsoluteLifetime,
            UserAgent = Limit(request.UserAgent, 256),
            RemoteAddress = Limit(request.Actor.RemoteAddress, 64),
        };
        db.Sessions.Add(session);
        db.Sessions.RemoveRange(await db.Sessions.Where(s => s.UserId == user.Id && s.ExpiresAt < now - s_keepEndedSessions).ToListAsync(cancellationToken));
        audit.Append(db, new AuditRecord(actor, "auth.login", user.UserName, AuditResult.Succeeded));
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult(SignInStatus.Succeeded, UserSummary.From(user), session.Id);
    }

    private async Task<SignInResult> DenyAsync(DashboardDbContext db, Actor actor, string? subject, string details, SignInResult result, CancellationToken cancellationToken)
    {
        audit.Append(db, new AuditRecord(actor, "auth.login", subject, AuditResult.Denied, details));
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private static string? Limit(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
