using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Accounts;

/// <summary>A token as listed to its owner: never the token itself.</summary>
public sealed record ApiTokenSummary(int Id, string Name, string Prefix, string Owner, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>A freshly created token: <see cref="Token"/> is shown once and cannot be recovered.</summary>
public sealed record CreatedApiToken(ApiTokenSummary Summary, string Token)
{
    /// <summary>Keeps the token out of logs and debugger displays that print records.</summary>
    public override string ToString() => $"CreatedApiToken {{ Summary = {Summary}, Token = *** }}";
}

/// <summary>Who a valid token belongs to.</summary>
public sealed record TokenIdentity(int TokenId, int UserId, string UserName, DashboardRole Role);

/// <summary>Creates, lists, revokes and checks API tokens. Only SHA-256 hashes are stored.</summary>
public sealed class ApiTokenService(IDbContextFactory<DashboardDbContext> contexts, IAuditLog audit, TimeProvider time)
{
    /// <summary>Every token starts with this, so secret scanners can spot leaked ones.</summary>
    public const string TokenPrefix = "dsh_";

    /// <summary>The lifetime of a token whose creator did not choose one; a token that never expires is an explicit choice.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(90);

    // Tokens have 256 bits of entropy, so a fast hash is enough; a slow KDF would only slow every API call.
    internal static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates a token for a user (<paramref name="lifetime"/> null: it never expires); the plain token is in the result only.</summary>
    public async Task<CreatedApiToken> CreateAsync(int userId, string name, TimeSpan? lifetime, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var label = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim();
        if (label.Length > 100)
        {
            label = label[..100];
        }

        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var entity = new ApiToken
        {
            UserId = userId,
            Name = label,
            TokenHash = Hash(token),
            Prefix = token[..(TokenPrefix.Length + 4)],
            CreatedAt = now,
            ExpiresAt = lifetime is { } l ? now + l : null,
        };
        db.ApiTokens.Add(entity);
        audit.Append(db, new AuditRecord(actor, "token.create", $"{user.UserName}/{label}", AuditResult.Succeeded,
            $"prefix={entity.Prefix}, expires {(entity.ExpiresAt is { } expires ? expires.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "never")}"));
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiToken(Summarize(entity, user.UserName), token);
    }

    /// <summary>Tokens of one user, or of everyone when <paramref name="userId"/> is null; newest first.</summary>
    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(int? userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tokens = db.ApiTokens.AsNoTracking().Include(t => t.User).AsQueryable();
        if (userId is { } id)
        {
            tokens = tokens.Where(t => t.UserId == id);
        }

        var list = await tokens.OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return list.ConvertAll(t => Summarize(t, t.User!.UserName));
    }

    /// <summary>Revokes a token. Users revoke their own; admins (<paramref name="asAdmin"/>) any.</summary>
    public async Task<bool> RevokeAsync(int tokenId, int requesterId, bool asAdmin, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.Include(t => t.User).SingleOrDefaultAsync(t => t.Id == tokenId, cancellationToken);
        if (token is null || (!asAdmin && token.UserId != requesterId))
        {
            audit.Append(db, new AuditRecord(actor, "token.revoke", $"id={tokenId}", AuditResult.Denied, "not found or not yours"));
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        token.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        audit.Append(db, new AuditRecord(actor, "token.revoke", $"{token.User!.UserName}/{token.Name}", AuditResult.Succeeded, $"prefix={token.Prefix}"));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The identity behind a presented token, or null when it is unknown, revoked, expired or its user disabled.</summary>
    public async Task<TokenIdentity?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented) || !presented.StartsWith(TokenPrefix, StringComparison.Ordinal) || presented.Length > 200)
        {
            return null;
        }

        var hash = Hash(presented);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.Include(t => t.User).SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now || token.User is null || token.User.Disabled)
        {
            return null;
        }

        // Recording every use would turn each API read into a write; a minute's resolution is enough to spot stale tokens.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return new TokenIdentity(token.Id, token.UserId, token.User.UserName, token.User.Role);
    }

    private static ApiTokenSummary Summarize(ApiToken t, string owner) =>
        new(t.Id, t.Name, t.Prefix, owner, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
