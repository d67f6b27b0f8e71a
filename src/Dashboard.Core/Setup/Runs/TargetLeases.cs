using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Setup.Runs;

/// <summary>
/// A per-target lease in the store, so two runs never change one target at once, across replicas too. Acquiring is
/// one atomic UPDATE (take it when free, expired or already ours) or, when no row exists, an INSERT that loses to a
/// concurrent one on the primary key; both work the same on SQLite and PostgreSQL. Holders renew while they work; a
/// holder that dies loses the lease when it expires.
/// </summary>
public sealed class TargetLeases(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    /// <summary>Takes (or renews) the lease for <paramref name="duration"/>; false when another holder has it.</summary>
    public async Task<bool> TryAcquireAsync(string targetId, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + duration;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var taken = await db.TargetLeases
            .Where(l => l.TargetId == targetId && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expires), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.TargetLeases.AnyAsync(l => l.TargetId == targetId, cancellationToken))
        {
            return false;
        }

        db.TargetLeases.Add(new TargetLease { TargetId = targetId, Holder = holder, ExpiresAt = expires });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    /// <summary>Releases the lease when <paramref name="holder"/> holds it.</summary>
    public async Task ReleaseAsync(string targetId, string holder, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.TargetLeases.Where(l => l.TargetId == targetId && l.Holder == holder).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The current holder and expiry, or null.</summary>
    public async Task<TargetLease?> CurrentAsync(string targetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TargetLeases.AsNoTracking().FirstOrDefaultAsync(l => l.TargetId == targetId, cancellationToken);
    }
}
