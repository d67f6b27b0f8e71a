using System.Data.Common;
using Dashboard.Core.Storage;
using Dashboard.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Tests.Security;

/// <summary>Review of issue 12, point 5: the readiness write probe writes at most once per interval, on a fake clock.</summary>
public sealed class StoreWriteProbeTests
{
    [Fact]
    public async Task Probe_WritesOncePerInterval_AnswersBetweenFromTheLastWrite_ConcurrentAsksShareIt()
    {
        var writes = new HeartbeatWrites();
        await using var store = await AccountStore.CreateAsync(ParallelGuessTests.Policy, null, writes);
        await store.CreateUserAsync("probe-owner", "probe-password-123");
        using var probe = new StoreWriteProbe(store.Get<IDbContextFactory<DashboardDbContext>>(), store.Clock);
        var start = store.Clock.GetUtcNow().UtcDateTime;

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => probe.CheckAsync(CancellationToken.None))));
        Assert.All(answers, a => Assert.Equal(HealthStatus.Healthy, a.Status));
        Assert.Equal(1, writes.Count);
        Assert.Equal(start, await WrittenAtAsync(store));

        store.Clock.Advance(StoreWriteProbe.Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(HealthStatus.Healthy, (await probe.CheckAsync(CancellationToken.None)).Status);
        Assert.Equal(1, writes.Count);

        store.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(HealthStatus.Healthy, (await probe.CheckAsync(CancellationToken.None)).Status);
        Assert.Equal(2, writes.Count);
        Assert.Equal(start + StoreWriteProbe.Interval, await WrittenAtAsync(store));
    }

    private sealed class HeartbeatWrites : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("UPDATE \"StoreHeartbeats\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }

            return ValueTask.FromResult(result);
        }
    }

    private static async Task<DateTime> WrittenAtAsync(AccountStore store)
    {
        await using var db = await store.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return (await db.Heartbeats.AsNoTracking().SingleAsync()).WrittenAt;
    }
}
