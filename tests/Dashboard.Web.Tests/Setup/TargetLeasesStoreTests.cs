using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Dashboard.Web.Testing;
using Dashboard.Web.Tests.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// The per-target lease on both stores the dashboard supports (SQLite and a real PostgreSQL), as two replicas use
/// it: each replica has its own <see cref="TargetLeases"/> over its own connection pool to the one database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TargetLeasesStoreTests(PostgresServer postgres)
{
    private static readonly TimeSpan s_lease = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TryAcquire_OtherReplicaHolds_WaitsUntilItExpiresOrReleases(string provider)
    {
        await using var store = await LeaseStore.CreateAsync(provider, postgres);
        var (a, b) = (store.Replica("a"), store.Replica("b"));

        Assert.True(await a.TryAcquireAsync("t", "run-a", s_lease, default));
        Assert.False(await b.TryAcquireAsync("t", "run-b", s_lease, default));
        Assert.True(await b.TryAcquireAsync("other", "run-b", s_lease, default));

        store.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await a.TryAcquireAsync("t", "run-a", s_lease, default));
        store.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(await b.TryAcquireAsync("t", "run-b", s_lease, default));

        store.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.True(await b.TryAcquireAsync("t", "run-b", s_lease, default));
        Assert.False(await a.TryAcquireAsync("t", "run-a", s_lease, default));
        await a.ReleaseAsync("t", "run-a", default);
        Assert.Equal("run-b", (await a.CurrentAsync("t", default))!.Holder);
        await b.ReleaseAsync("t", "run-b", default);
        Assert.Null(await a.CurrentAsync("t", default));
        Assert.True(await a.TryAcquireAsync("t", "run-c", s_lease, default));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TryAcquire_ContendersOnTwoReplicas_ExactlyOneWinsEachRound(string provider)
    {
        await using var store = await LeaseStore.CreateAsync(provider, postgres);
        var replicas = new[] { store.Replica("a"), store.Replica("b") };

        // Round 1: no row yet (the INSERT race). Round 2: an expired row (the UPDATE race).
        for (var round = 1; round <= 2; round++)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => replicas[i % 2].TryAcquireAsync("race", $"run-{round}-{i}", s_lease, default)));
            Assert.Equal(1, results.Count(r => r));
            var holder = (await replicas[0].CurrentAsync("race", default))!.Holder;
            Assert.Equal($"run-{round}-{Array.IndexOf(results, true)}", holder);
            store.Time.Advance(s_lease + TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>A migrated database and a fake clock; replicas get their own context factory and connection pool.</summary>
    private sealed class LeaseStore : IAsyncDisposable
    {
        private readonly string _provider;
        private readonly string _connectionString;

        private LeaseStore(string provider, string connectionString)
        {
            _provider = provider;
            _connectionString = connectionString;
        }

        public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-26T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        public static async Task<LeaseStore> CreateAsync(string provider, PostgresServer postgres)
        {
            var store = provider == "postgres"
                ? new LeaseStore(provider, await postgres.CreateDatabaseAsync())
                : new LeaseStore(provider, $"Data Source={Path.Combine(Path.GetTempPath(), $"leases-{Guid.NewGuid():N}.db")}");
            await using var db = store.Factory("migrate").CreateDbContext();
            await db.Database.MigrateAsync();
            return store;
        }

        public TargetLeases Replica(string name) => new(Factory(name), Time);

        public ValueTask DisposeAsync()
        {
            if (_provider == "sqlite")
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(_connectionString["Data Source=".Length..]);
            }

            return ValueTask.CompletedTask;
        }

        private IDbContextFactory<DashboardDbContext> Factory(string replica) => _provider == "postgres"
            ? new ContextFactory<PostgresDashboardDbContext>(new DbContextOptionsBuilder<PostgresDashboardDbContext>().UseNpgsql($"{_connectionString};Application Name=replica-{replica}").Options, o => new PostgresDashboardDbContext(o))
            : new ContextFactory<SqliteDashboardDbContext>(new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite(_connectionString).Options, o => new SqliteDashboardDbContext(o));
    }

    private sealed class ContextFactory<TContext>(DbContextOptions<TContext> options, Func<DbContextOptions<TContext>, DashboardDbContext> create) : IDbContextFactory<DashboardDbContext>
        where TContext : DashboardDbContext
    {
        public DashboardDbContext CreateDbContext() => create(options);
    }
}
