using Dashboard.Core.Accounts;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Testing;
using Dashboard.Web.Tests.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Review of issue 12, point 1: wrong passwords sent in parallel are each counted and lock the account, on SQLite and
/// on PostgreSQL. Every attempt is held before it writes its audit entry until all of them have got that far, so
/// every attempt has read the account (and, before the fix, its stale failure count) before any of them writes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ParallelGuessTests(PostgresServer postgres)
{
    private const int Threshold = 3;

    [Theory]
    [InlineData("sqlite", Threshold)]
    [InlineData("sqlite", 3 * Threshold)]
    [InlineData("postgres", Threshold)]
    [InlineData("postgres", 3 * Threshold)]
    public async Task ParallelWrongSignIns_AreAllCounted_LockTheAccount_AndNoMoreThanTheThresholdAreChecked(string provider, int parallel)
    {
        var gate = new AuditSaveGate("auth.login", parallel);
        await using var store = await AccountStore.CreateAsync(Policy, provider == "postgres" ? await postgres.CreateDatabaseAsync() : null, gate);
        await store.CreateUserAsync("gina", "gina-password-123");
        var signIn = store.Get<SignInService>();

        var results = await Task.WhenAll(Enumerable.Range(0, parallel).Select(i => Task.Run(() =>
            signIn.SignInAsync("gina", "wrong-guess-" + i, new SignInRequest(new Actor("anonymous", "192.0.2.66")), CancellationToken.None))));

        // Before the fix every attempt read 0 failures and wrote 1: the account was never locked.
        var (failures, lockedUntil) = await store.LockoutOfAsync("gina");
        Assert.Equal(Threshold, failures);
        Assert.Equal(store.Clock.GetUtcNow().UtcDateTime + Policy.LockoutDuration, lockedUntil);
        Assert.Contains(results, r => r.Status == SignInStatus.LockedOut);
        Assert.DoesNotContain(results, r => r.Status == SignInStatus.Succeeded);

        // Only the attempts counted below the lock had their password checked; the rest were refused unseen.
        var audit = await store.AuditAsync("auth.login");
        Assert.Equal(parallel, audit.Count);
        Assert.Equal(Threshold, audit.Count(e => e.Details!.StartsWith("wrong password", StringComparison.Ordinal)));
        Assert.Equal(parallel - Threshold, audit.Count(e => e.Details!.StartsWith("locked out until", StringComparison.Ordinal)));

        var locked = await signIn.SignInAsync("gina", "gina-password-123", new SignInRequest(new Actor("anonymous")), CancellationToken.None);
        Assert.Equal(SignInStatus.LockedOut, locked.Status);
    }

    internal static AccountPolicy Policy => new()
    {
        LockoutThreshold = Threshold,
        LockoutDuration = TimeSpan.FromMinutes(1),
        LockoutMaxDuration = TimeSpan.FromMinutes(5),
    };

    /// <summary>Holds every save that writes an audit entry of <paramref name="action"/> until <paramref name="parties"/> of them wait.</summary>
    private sealed class AuditSaveGate(string action, int parties) : SaveChangesInterceptor
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added && e.Entity.Action == action))
            {
                if (Interlocked.Increment(ref _arrived) == parties)
                {
                    _all.TrySetResult();
                }

                await _all.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
            }

            return result;
        }
    }
}
