using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Storage;

/// <summary>Brings the store's schema up to date at start-up.</summary>
public sealed class StoreMigrator(IDbContextFactory<DashboardDbContext> contexts, ILogger<StoreMigrator> logger)
{
    /// <summary>Applies pending migrations; on SQLite also switches to WAL so readers never block the writer.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        // Asking for pending migrations first would query a history table that a fresh database does not have.
        await db.Database.MigrateAsync(cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        if (db.Database.GetDbConnection() is SqliteConnection)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        Audit.AuditLogEvents.StoreReady(logger, db.Database.ProviderName, applied.LastOrDefault());
    }
}
