using Dashboard.Core.Storage;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Hosting;

internal static class HealthSetup
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddDashboardHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<JobStorageHealthCheck>("job-storage", tags: [ReadyTag]);
        return builder;
    }

    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the store takes a write and the job storage answers too.</summary>
    public static IEndpointRouteBuilder MapDashboardHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return endpoints;
    }

    private sealed class StoreHealthCheck(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time) : IHealthCheck
    {
        private static readonly string s_instance = $"{Environment.MachineName}:{Environment.ProcessId}";

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // CanConnect alone is true for an empty SQLite file; reading a table proves the schema is there.
            if (!await db.Database.CanConnectAsync(cancellationToken) || !await db.Users.AnyAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The store is not initialised yet.");
            }

            // Reads can succeed while every change fails (a read-only file or volume, a full disk, a read-only
            // PostgreSQL replica): a ready dashboard must be able to record a change, so one row is rewritten.
            try
            {
                var now = time.GetUtcNow().UtcDateTime;
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

    private sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var statistics = storage.GetMonitoringApi().GetStatistics();
                return Task.FromResult(HealthCheckResult.Healthy($"{statistics.Servers} job server(s)"));
            }
            catch (Exception ex)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("Job storage is unreachable.", ex));
            }
        }
    }
}
