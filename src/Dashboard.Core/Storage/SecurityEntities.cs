namespace Dashboard.Core.Storage;

/// <summary>
/// A signed-in browser session. The sign-in cookie carries only its id: the record decides whether the cookie still
/// counts, so signing out, revoking a session or disabling a user ends it on every replica.
/// </summary>
public sealed class UserSession
{
    /// <summary>Random id, carried (encrypted) in the sign-in cookie.</summary>
    public Guid Id { get; set; }

    /// <summary>The signed-in user.</summary>
    public int UserId { get; set; }

    /// <summary>User navigation.</summary>
    public UserAccount? User { get; set; }

    /// <summary>The user's security stamp when the session started; a later change (role, password) ends it.</summary>
    public required string SecurityStamp { get; set; }

    /// <summary>When the user signed in (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Last request seen (UTC, to the minute): the idle limit counts from here.</summary>
    public DateTime LastSeenAt { get; set; }

    /// <summary>The absolute end (UTC), however active the session is.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>When it was ended (UTC): signed out, revoked, the password changed, the user disabled.</summary>
    public DateTime? RevokedAt { get; set; }

    /// <summary>Why it was ended, in words.</summary>
    public string? RevokedReason { get; set; }

    /// <summary>The browser's User-Agent at sign-in, so the user recognises the session.</summary>
    public string? UserAgent { get; set; }

    /// <summary>The client address at sign-in.</summary>
    public string? RemoteAddress { get; set; }
}

/// <summary>One row that readiness checks rewrite: proof that the store accepts writes, not only reads.</summary>
public sealed class StoreHeartbeat
{
    /// <summary>Always <see cref="SingletonId"/>.</summary>
    public int Id { get; set; }

    /// <summary>The id of the only row.</summary>
    public const int SingletonId = 1;

    /// <summary>When a readiness check last wrote it (UTC).</summary>
    public DateTime WrittenAt { get; set; }

    /// <summary>Which process wrote it.</summary>
    public string? WrittenBy { get; set; }
}
