using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Accounts;

/// <summary>A session as its owner sees it (never anything that would let someone else use it).</summary>
/// <param name="Id">Its id, to revoke it.</param>
/// <param name="CreatedAt">Sign-in (UTC).</param>
/// <param name="LastSeenAt">Last request (UTC, to the minute).</param>
/// <param name="ExpiresAt">The absolute end (UTC).</param>
/// <param name="IdleExpiresAt">When it ends if unused (UTC).</param>
/// <param name="UserAgent">The browser at sign-in.</param>
/// <param name="RemoteAddress">The client address at sign-in.</param>
public sealed record SessionInfo(Guid Id, DateTime CreatedAt, DateTime LastSeenAt, DateTime ExpiresAt, DateTime IdleExpiresAt, string? UserAgent, string? RemoteAddress);

/// <summary>A session that still counts: its user, and the client address it signed in from (what its actions are audited with).</summary>
public sealed record LiveSession(UserSummary User, string? RemoteAddress);

/// <summary>
/// Server-side sessions: whether a cookie's session still counts (checked on every request and on circuit
/// revalidation), a user's live sessions, and ending them. Every ending is audited in the same transaction.
/// </summary>
public sealed class SessionService(IDbContextFactory<DashboardDbContext> contexts, IAuditLog audit, TimeProvider time, IOptions<AccountPolicy> policy)
{
    // Writing on every request would turn each page view into a write; a minute is precise enough for an idle limit of hours.
    private static readonly TimeSpan s_touchEvery = TimeSpan.FromMinutes(1);

    /// <summary>The user behind a live session, or null when it is unknown, ended, expired, idle too long, or its user disabled or changed.</summary>
    public async Task<LiveSession?> ValidateAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.AsNoTracking().Include(s => s.User).SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session?.User is not { } user || !IsLive(session, now) || user.Disabled || !string.Equals(user.SecurityStamp, session.SecurityStamp, StringComparison.Ordinal))
        {
            return null;
        }

        if (now - session.LastSeenAt >= s_touchEvery)
        {
            await db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        return new LiveSession(UserSummary.From(user), session.RemoteAddress);
    }

    /// <summary>A user's live sessions, newest first.</summary>
    public async Task<IReadOnlyList<SessionInfo>> ListAsync(int userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.User)
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.CreatedAt).ToListAsync(cancellationToken);
        return [.. sessions.Where(s => IsLive(s, now) && s.User!.SecurityStamp == s.SecurityStamp).Select(ToInfo)];
    }

    /// <summary>Ends one of a user's sessions; false when they have no such live session.</summary>
    public async Task<bool> RevokeAsync(int userId, Guid sessionId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.Include(s => s.User).SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null, cancellationToken);
        if (session is null)
        {
            return false;
        }

        End(session, "revoked by its user", time.GetUtcNow().UtcDateTime);
        audit.Append(db, new AuditRecord(actor, "session.revoke", session.User!.UserName, AuditResult.Succeeded, $"session started {session.CreatedAt:u} from {session.RemoteAddress ?? "an unknown address"}"));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Signs a session out: it ends here and on every replica (a copy of its cookie stops working too).</summary>
    public async Task SignOutAsync(Guid sessionId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken) is { RevokedAt: null } session)
        {
            End(session, "signed out", time.GetUtcNow().UtcDateTime);
        }

        audit.Append(db, new AuditRecord(actor, "auth.logout", actor.Name, AuditResult.Succeeded));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Ends a user's live sessions in the caller's unit of work (the caller's save writes it with the change that
    /// caused it), except <paramref name="keep"/>; returns how many.
    /// </summary>
    internal static async Task<int> EndAllAsync(DashboardDbContext db, int userId, Guid? keep, string reason, DateTime now, CancellationToken cancellationToken)
    {
        var live = await db.Sessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now && s.Id != keep).ToListAsync(cancellationToken);
        foreach (var session in live)
        {
            End(session, reason, now);
        }

        return live.Count;
    }

    private bool IsLive(UserSession session, DateTime now) =>
        session.RevokedAt is null && session.ExpiresAt > now && session.LastSeenAt + policy.Value.SessionIdleLifetime > now;

    private SessionInfo ToInfo(UserSession s)
    {
        var idle = s.LastSeenAt + policy.Value.SessionIdleLifetime;
        return new(s.Id, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, idle < s.ExpiresAt ? idle : s.ExpiresAt, s.UserAgent, s.RemoteAddress);
    }

    private static void End(UserSession session, string reason, DateTime now)
    {
        session.RevokedAt = now;
        session.RevokedReason = reason;
    }
}
