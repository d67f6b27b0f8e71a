using Dashboard.Core.Accounts;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Options;
using Microsoft.Extensions.Options;
using Dashboard.Web.Logging;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Migrates the store and creates the first admin on a fresh store. Runs before the host starts: data protection,
/// Hangfire and the pages all read the store from their first moment.
/// </summary>
internal sealed class StoreInitializer(
    StoreMigrator migrator,
    IServiceScopeFactory scopes,
    IOptions<AuthOptions> auth,
    ConsoleAnnouncer console,
    ILogger<StoreInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);

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
