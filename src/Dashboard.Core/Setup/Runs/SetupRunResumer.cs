using Dashboard.Core.Storage;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Setup.Runs;

/// <summary>
/// At start-up, hands every unfinished run back to Hangfire: Pending and Running runs at once, Waiting runs at their
/// next poll. Hangfire may also requeue a job it was running when the process stopped; the run's lease makes the
/// second executor stand aside, and steps are idempotent, so nothing is done twice.
/// </summary>
public sealed class SetupRunResumer(IDbContextFactory<DashboardDbContext> contexts, IBackgroundJobClient jobs, TimeProvider time, ILogger<SetupRunResumer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var unfinished = await db.SetupRuns.AsNoTracking()
            .Where(r => r.State == SetupRunState.Pending || r.State == SetupRunState.Running || r.State == SetupRunState.Waiting)
            .Select(r => new { r.Id, r.State, r.NextPollAt, r.TargetId })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var run in unfinished)
        {
            if (run.State == SetupRunState.Waiting && run.NextPollAt is { } next && next > now)
            {
                jobs.Schedule<SetupRunJob>(job => job.ExecuteAsync(run.Id, CancellationToken.None), next - now);
                logger.LogInformation("Resuming setup run {RunId} on target {Target} (was {State}) at its next poll, {NextPollAt:O}", run.Id, run.TargetId, run.State, next);
            }
            else
            {
                jobs.Enqueue<SetupRunJob>(job => job.ExecuteAsync(run.Id, CancellationToken.None));
                logger.LogInformation("Resuming setup run {RunId} on target {Target} (was {State}) now", run.Id, run.TargetId, run.State);
            }
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
