using System.Security.Cryptography;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Accounts;

/// <summary>A user as shown in lists and carried in sessions; no password material.</summary>
public sealed record UserSummary(int Id, string UserName, DashboardRole Role, bool Disabled, string SecurityStamp, DateTime CreatedAt, DateTime? LastLoginAt)
{
    internal static UserSummary From(UserAccount user) =>
        new(user.Id, user.UserName, user.Role, user.Disabled, user.SecurityStamp, user.CreatedAt, user.LastLoginAt);
}

/// <summary>Users: creation, roles, enabling, passwords. Every change is audited in the same transaction as the change.</summary>
public sealed class AccountService(IDbContextFactory<DashboardDbContext> contexts, IAuditLog audit, TimeProvider time)
{
    /// <summary>Shortest password accepted for any user.</summary>
    public const int MinimumPasswordLength = 12;

    private readonly PasswordHasher<UserAccount> _hasher = new();

    /// <summary>A user by id, or null.</summary>
    public async Task<UserSummary?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? null : UserSummary.From(user);
    }

    /// <summary>All users, by name.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        return users.ConvertAll(UserSummary.From);
    }

    /// <summary>True when no user exists yet (first start).</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Users.AnyAsync(cancellationToken);
    }

    /// <summary>Creates a user; fails with a message naming the problem when the name or password is unacceptable.</summary>
    public async Task<AccountResult> CreateAsync(string userName, string password, DashboardRole role, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var normalized = Normalize(userName);
        var problem = CheckUserName(normalized) ?? CheckRole(role) ?? CheckPassword(password);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (problem is null && await db.Users.AnyAsync(u => u.UserName == normalized, cancellationToken))
        {
            problem = $"A user named '{normalized}' already exists: choose another name.";
        }

        if (problem is not null)
        {
            audit.Append(db, new AuditRecord(actor, "user.create", Limit(normalized), AuditResult.Failed, problem));
            await db.SaveChangesAsync(cancellationToken);
            return AccountResult.Fail(problem);
        }

        var user = new UserAccount
        {
            UserName = normalized,
            PasswordHash = string.Empty,
            Role = role,
            SecurityStamp = NewStamp(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = _hasher.HashPassword(user, password);
        db.Users.Add(user);
        audit.Append(db, new AuditRecord(actor, "user.create", normalized, AuditResult.Succeeded, $"role={role}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (!await ExistsAsync(normalized, cancellationToken))
            {
                throw;
            }

            // Someone created the same name between the check above and this insert (another admin, another replica).
            problem = $"A user named '{normalized}' already exists: choose another name.";
            await audit.RecordAsync(new AuditRecord(actor, "user.create", normalized, AuditResult.Failed, problem), cancellationToken);
            return AccountResult.Fail(problem);
        }

        return AccountResult.Ok(UserSummary.From(user));
    }

    /// <summary>Changes a user's role; an admin cannot demote the last enabled admin.</summary>
    public Task<AccountResult> SetRoleAsync(int userId, DashboardRole role, Actor actor, CancellationToken cancellationToken) =>
        UpdateAsync(userId, "user.role", actor, (user, admins) =>
        {
            if (CheckRole(role) is { } unknown)
            {
                return unknown;
            }

            if (user.Role == DashboardRole.Admin && role != DashboardRole.Admin && admins <= 1)
            {
                return "This is the last admin: make another user Admin first.";
            }

            user.Role = role;
            return null;
        }, $"role={role}", "role changed", cancellationToken);

    /// <summary>Enables or disables a user; the last enabled admin cannot be disabled.</summary>
    public Task<AccountResult> SetDisabledAsync(int userId, bool disabled, Actor actor, CancellationToken cancellationToken) =>
        UpdateAsync(userId, disabled ? "user.disable" : "user.enable", actor, (user, admins) =>
        {
            if (disabled && user.Role == DashboardRole.Admin && !user.Disabled && admins <= 1)
            {
                return "This is the last enabled admin: make another user Admin first.";
            }

            user.Disabled = disabled;
            return null;
        }, null, disabled ? "user disabled" : null, cancellationToken);

    /// <summary>Sets a new password (an admin's reset): every session of the user ends.</summary>
    public Task<AccountResult> SetPasswordAsync(int userId, string password, Actor actor, CancellationToken cancellationToken) =>
        UpdateAsync(userId, "user.password", actor, (user, _) =>
        {
            var problem = CheckPassword(password);
            if (problem is null)
            {
                user.PasswordHash = _hasher.HashPassword(user, password);
            }

            return problem;
        }, "set by an admin", "password changed", cancellationToken);

    /// <summary>A random password that satisfies the policy, for the first admin.</summary>
    public static string GeneratePassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');

    private async Task<AccountResult> UpdateAsync(
        int userId, string action, Actor actor, Func<UserAccount, int, string?> change, string? details, string? endSessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return AccountResult.Fail($"No user has id {userId}: reload the user list.");
        }

        var admins = await db.Users.CountAsync(u => u.Role == DashboardRole.Admin && !u.Disabled, cancellationToken);
        var problem = change(user, admins);
        if (problem is null)
        {
            user.SecurityStamp = NewStamp();
            if (endSessions is not null)
            {
                await SessionService.EndAllAsync(db, user.Id, keep: null, endSessions, time.GetUtcNow().UtcDateTime, cancellationToken);
            }
        }

        audit.Append(db, new AuditRecord(actor, action, user.UserName, problem is null ? AuditResult.Succeeded : AuditResult.Failed, problem ?? details));
        // A refused change left the user as it was (each change checks before it touches anything): only the entry is written.
        await db.SaveChangesAsync(cancellationToken);
        return problem is null ? AccountResult.Ok(UserSummary.From(user)) : AccountResult.Fail(problem);
    }

    private async Task<bool> ExistsAsync(string normalizedName, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.UserName == normalizedName, cancellationToken);
    }

    internal static string Normalize(string? userName) => (userName ?? string.Empty).Trim().ToLowerInvariant();

    private static string Limit(string value) => value.Length <= 64 ? value : value[..64];

    internal static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static string? CheckUserName(string userName) =>
        userName.Length is < 2 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@')
            ? "User names are 2 to 64 characters: letters, digits, '.', '-', '_' or '@'."
            : null;

    private static string? CheckRole(DashboardRole role) =>
        Enum.IsDefined(role) ? null : $"There is no role {(int)role}: use {string.Join(", ", Enum.GetNames<DashboardRole>())}.";

    internal static string? CheckPassword(string? password) =>
        password is null || password.Length < MinimumPasswordLength
            ? $"The password is too short: use at least {MinimumPasswordLength} characters."
            : null;
}

/// <summary>The outcome of a user change: the user, or a message naming the problem and the fix.</summary>
/// <param name="User">The changed user (on success).</param>
/// <param name="Error">What is wrong and what to do (on failure).</param>
/// <param name="RetryAfter">Set when the change was refused because the account is locked: how long until it takes passwords again.</param>
public sealed record AccountResult(UserSummary? User, string? Error, TimeSpan? RetryAfter = null)
{
    /// <summary>True when the change was made.</summary>
    public bool Succeeded => Error is null;

    internal static AccountResult Ok(UserSummary user) => new(user, null);

    internal static AccountResult Fail(string error, TimeSpan? retryAfter = null) => new(null, error, retryAfter);
}
