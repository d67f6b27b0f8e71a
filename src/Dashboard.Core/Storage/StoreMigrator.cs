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
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.GetDbConnection() is SqliteConnection)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        logger.LogInformation("Store ready on {Provider}; applied {MigrationCount} migration(s)", db.Database.ProviderName, pending.Count);
    }
}
