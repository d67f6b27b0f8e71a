using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Hosting;

internal static class HealthSetup
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddDashboardHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StoreWriteProbe>();
        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<JobStorageHealthCheck>("job-storage", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// <c>/healthz</c>: the process answers. <c>/readyz</c>: the store takes a write (checked at most every
    /// <see cref="StoreWriteProbe.Interval"/>) and the job storage answers too.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboardHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return endpoints;
    }

    private sealed class StoreHealthCheck(StoreWriteProbe probe) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => probe.CheckAsync(cancellationToken);
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
