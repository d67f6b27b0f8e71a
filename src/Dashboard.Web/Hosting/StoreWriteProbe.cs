using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Whether the store takes a write: one heartbeat row is rewritten. <c>/readyz</c> is anonymous, so the answer is
/// kept for <see cref="Interval"/>: however often anyone asks, the store sees at most one write per interval and
/// replica, and concurrent probes share one write.
/// </summary>
internal sealed class StoreWriteProbe(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time) : IDisposable
{
    /// <summary>How long an answer is kept: short beside a load balancer's probe period, long beside a request flood.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static readonly string s_instance = $"{Environment.MachineName}:{Environment.ProcessId}";
    private readonly SemaphoreSlim _one = new(1, 1);
    private (DateTimeOffset At, HealthCheckResult Result)? _last;

    public async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_last is { } last && now - last.At < Interval)
            {
                return last.Result;
            }

            var result = await ProbeAsync(now.UtcDateTime, cancellationToken);
            _last = (now, result);
            return result;
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();

    private async Task<HealthCheckResult> ProbeAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // CanConnect alone is true for an empty SQLite file; reading a table proves the schema is there.
        if (!await db.Database.CanConnectAsync(cancellationToken) || !await db.Users.AnyAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The store is not initialised yet.");
        }

        // Reads can succeed while every change fails (a read-only file or volume, a full disk, a read-only
        // PostgreSQL replica): a ready dashboard must be able to record a change.
        try
        {
            var written = await db.Heartbeats.Where(h => h.Id == StoreHeartbeat.SingletonId)
                .ExecuteUpdateAsync(h => h.SetProperty(x => x.WrittenAt, now).SetProperty(x => x.WrittenBy, s_instance), cancellationToken);
            if (written == 0)
            {
                db.Heartbeats.Add(new StoreHeartbeat { Id = StoreHeartbeat.SingletonId, WrittenAt = now, WrittenBy = s_instance });
                await db.SaveChangesAsync(cancellationToken);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or DbUpdateException)
        {
            return HealthCheckResult.Unhealthy("The store answers reads but refuses writes.", ex);
        }
    }
}
