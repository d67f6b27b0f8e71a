using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Setup;

/// <summary>The lease keeper on a real SQLite store, driven by a fake clock: it renews while held and says when the lease is gone.</summary>
public sealed class LeaseKeeperTests : IAsyncLifetime
{
    private static readonly TimeSpan s_lease = TimeSpan.FromSeconds(30);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"keeper-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-26T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private TargetLeases _leases = null!;
    private LeaseKeeper _keeper = null!;

    public async Task InitializeAsync()
    {
        var options = new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite($"Data Source={_path}").Options;
        await using (var db = new SqliteDashboardDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        _leases = new TargetLeases(new Factory(options), _time);
        _keeper = new LeaseKeeper(_leases, _time, NullLogger<LeaseKeeper>.Instance);
    }

    [Fact]
    public async Task Keep_WhileHeld_RenewsPastTheOriginalExpiry_AndStopsQuietlyWhenTheWorkEnds()
    {
        Assert.True(await _leases.TryAcquireAsync("t", "run-a", s_lease, default));
        using var lost = new CancellationTokenSource();
        using var done = new CancellationTokenSource();
        var keeping = _keeper.KeepAsync("t", "run-a", s_lease, lost, done.Token);

        for (var beat = 1; beat <= 4; beat++)
        {
            var expected = _time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(10) + s_lease;
            _time.Advance(TimeSpan.FromSeconds(10));
            await EventuallyAsync(async () => (await _leases.CurrentAsync("t", default))!.ExpiresAt >= expected);
        }

        Assert.False(await _leases.TryAcquireAsync("t", "run-b", s_lease, default), "40 s and more after it was taken, the 30 s lease is still held");
        await done.CancelAsync();
        await keeping;
        Assert.False(lost.IsCancellationRequested);
    }

    [Fact]
    public async Task Keep_StalledPastItsExpiryAndTaken_SignalsLost()
    {
        Assert.True(await _leases.TryAcquireAsync("t", "run-a", s_lease, default));
        using var lost = new CancellationTokenSource();
        var keeping = _keeper.KeepAsync("t", "run-a", s_lease, lost, CancellationToken.None);

        // run-a stalled past its expiry; run-b took the target.
        _time.Advance(s_lease + TimeSpan.FromSeconds(1));
        Assert.True(await _leases.TryAcquireAsync("t", "run-b", s_lease, default));
        _time.Advance(TimeSpan.FromSeconds(10));

        await keeping.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(lost.IsCancellationRequested);
        Assert.Equal("run-b", (await _leases.CurrentAsync("t", default))!.Holder);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Polls <paramref name="condition"/>, nudging the fake clock 100 ms each time: the keeper may not have set its next
    /// beat yet when the test advanced the clock, and a nudge (far below the 10 s beat) lets that beat come.
    /// </summary>
    private async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the lease was not renewed");
            await Task.Delay(10);
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    private sealed class Factory(DbContextOptions<SqliteDashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new SqliteDashboardDbContext(options);
    }
}
