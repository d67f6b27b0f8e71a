using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Setup;

/// <summary>The per-target lease on a real SQLite store: one holder at a time, renewal, expiry, release.</summary>
public sealed class TargetLeasesTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"leases-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-26T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private TargetLeases _leases = null!;

    public async Task InitializeAsync()
    {
        var factory = new Factory(new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite($"Data Source={_path}").Options);
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
        }

        _leases = new TargetLeases(factory, _time);
    }

    [Fact]
    public async Task TryAcquire_SecondHolder_WaitsUntilTheFirstExpiresOrReleases()
    {
        var lease = TimeSpan.FromSeconds(30);
        Assert.True(await _leases.TryAcquireAsync("t", "run-a", lease, default));
        Assert.False(await _leases.TryAcquireAsync("t", "run-b", lease, default));
        Assert.True(await _leases.TryAcquireAsync("other", "run-b", lease, default));

        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await _leases.TryAcquireAsync("t", "run-a", lease, default));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(await _leases.TryAcquireAsync("t", "run-b", lease, default));

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.True(await _leases.TryAcquireAsync("t", "run-b", lease, default));
        await _leases.ReleaseAsync("t", "run-a", default);
        Assert.Equal("run-b", (await _leases.CurrentAsync("t", default))!.Holder);
        await _leases.ReleaseAsync("t", "run-b", default);
        Assert.True(await _leases.TryAcquireAsync("t", "run-c", lease, default));
    }

    [Fact]
    public async Task TryAcquire_ManyContenders_ExactlyOneWins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _leases.TryAcquireAsync("race", $"run-{i}", TimeSpan.FromMinutes(1), default)));
        Assert.Equal(1, results.Count(r => r));
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }

    private sealed class Factory(DbContextOptions<SqliteDashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new SqliteDashboardDbContext(options);
    }
}
