using Dashboard.Core.Accounts;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Logging;
using Dashboard.Web.Options;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Migrates the store and creates the first admin on a fresh store. Runs before the host starts: data protection,
/// Hangfire and the pages all read the store from their first moment.
/// </summary>
internal sealed class StoreInitializer(
    StoreMigrator migrator,
    IServiceScopeFactory scopes,
    IOptions<AuthOptions> auth,
    IOptions<StorageOptions> storage,
    DataDirectory data,
    ConsoleAnnouncer console,
    ILogger<StoreInitializer> logger)
{
    private const string StoreRole = "the store: users, targets, setups, runs and the audit log; moved aside, the dashboard starts with none and creates a new first admin";
    private const string JobsRole = "the job storage: moved aside, only job history is lost, unfinished runs resume from the store";

    // SQLite's result codes for a damaged file (https://www.sqlite.org/rescode.html).
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var store = Path.Combine(data.Path, "dashboard.db");
        if (storage.Value.Provider == StoreProvider.Sqlite)
        {
            // A damaged file would otherwise end start-up in a stack trace from deep inside SQLite or Hangfire.
            StoreDamagedException.ThrowIfNotSqlite(store, StoreRole);
            StoreDamagedException.ThrowIfNotSqlite(Path.Combine(data.Path, "jobs.db"), JobsRole);
        }

        try
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            throw new StoreDamagedException(StoreDamagedException.Describe(store, StoreRole, e.Message), e);
        }

        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        if (!await accounts.IsEmptyAsync(cancellationToken))
        {
            return;
        }

        var preset = auth.Value.AdminPassword;
        var password = preset ?? AccountService.GeneratePassword();
        var created = await accounts.CreateAsync("admin", password, DashboardRole.Admin, Actor.System, cancellationToken);
        if (!created.Succeeded)
        {
            // Replicas starting together on a fresh PostgreSQL all see an empty store; one creates the admin and the
            // others find it there (or lose the insert on the unique user name). The store is initialised either way.
            if (!await accounts.IsEmptyAsync(cancellationToken))
            {
                WebLog.FirstAdminCreatedElsewhere(logger);
                return;
            }

            throw new InvalidOperationException("Could not create the first admin: " + created.Error);
        }

        if (preset is null)
        {
            console.Announce(
                "First start: created user 'admin' with password: " + password,
                "It is shown only now. Sign in and create your own users and tokens.");
        }

        WebLog.FirstAdminCreated(logger, "admin", preset is null ? "random password printed once" : "password from Auth:AdminPassword");
    }
}
