using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Setup.Steps;
using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Setup.Runs;

/// <summary>
/// Starts, reads and cancels runs. A run is accepted (persisted with its steps as Pending) and handed to a Hangfire
/// job; one target has at most one active run (a second request is refused with the active run's id, and the job's
/// lease on the target enforces it across replicas).
/// </summary>
public sealed class SetupRunService(
    IDbContextFactory<DashboardDbContext> contexts,
    IBackgroundJobClient jobs,
    ISetupEvents events,
    SetupStore store,
    TargetService targets,
    IAuditLog audit,
    TimeProvider time)
{
    private static readonly SetupRunState[] s_active = [SetupRunState.Pending, SetupRunState.Running, SetupRunState.Waiting];

    /// <summary>Accepts a run of all remaining steps (or <paramref name="steps"/>, ids or numbers).</summary>
    public async Task<StartRunResult> StartAsync(string targetId, IReadOnlyList<string>? steps, bool consent, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await targets.ResolveAsync(targetId, cancellationToken) is null)
        {
            return new StartRunResult(null, [$"No target '{targetId}' exists."], NotFound: true);
        }

        var errors = new List<string>();
        var chosen = new List<ISetupStep>();
        foreach (var step in steps ?? [])
        {
            if (SetupSteps.Find(step) is { } found)
            {
                chosen.Add(found);
            }
            else
            {
                errors.Add($"Unknown step '{step}': use a step id ({string.Join(", ", SetupSteps.All.Select(s => s.Id))}) or number 1-15.");
            }
        }

        var settings = await store.GetAsync(targetId, cancellationToken);
        errors.AddRange(settings.Parameters.Validate().Select(p => "Setup parameters: " + p));
        if (errors.Count > 0)
        {
            return new StartRunResult(null, errors);
        }

        if (await ActiveRunAsync(targetId, cancellationToken) is { } activeId)
        {
            return new StartRunResult(null, [$"Run {activeId} is still active on target '{targetId}': wait for it to end or cancel it."], ConflictingRun: activeId);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var selected = chosen.Count == 0 ? SetupSteps.All : [.. chosen.Distinct().OrderBy(s => s.Number)];
        var run = new SetupRunRecord
        {
            Id = Guid.NewGuid(),
            TargetId = targetId,
            SetupId = settings.SetupId,
            State = SetupRunState.Pending,
            RequestedSteps = chosen.Count == 0 ? null : string.Join(',', selected.Select(s => s.Id)),
            RequestedBy = actor.Name,
            RequestedFrom = actor.RemoteAddress,
            Consent = consent,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            Message = "Accepted; waiting for a worker.",
            Steps = [.. selected.Select(s => new SetupRunStepRecord { StepId = s.Id, Number = s.Number, State = SetupStepState.Pending })],
        };
        db.SetupRuns.Add(run);
        audit.Append(db, new AuditRecord(actor, "setup.run", targetId, AuditResult.Succeeded,
            $"run {run.Id}: {(run.RequestedSteps ?? "all steps")}{(consent ? ", with consent to take over objects" : "")}"));
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<SetupRunJob>(job => job.ExecuteAsync(run.Id, CancellationToken.None));
        events.Publish(new SetupEvent(run.Id, targetId, run.State, null, null, run.Message, time.GetUtcNow()));
        return new StartRunResult(ToView(run), []);
    }

    /// <summary>The target's unfinished (pending, running or waiting) run, or null.</summary>
    public async Task<Guid?> ActiveRunAsync(string targetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SetupRuns.AsNoTracking().Where(r => r.TargetId == targetId && s_active.Contains(r.State)).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A run, or null.</summary>
    public async Task<SetupRunView?> GetAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.SetupRuns.AsNoTracking().Include(r => r.Steps).FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        return run is null ? null : ToView(run);
    }

    /// <summary>A target's runs, newest first.</summary>
    public async Task<IReadOnlyList<SetupRunView>> ListAsync(string targetId, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.SetupRuns.AsNoTracking().Include(r => r.Steps).Where(r => r.TargetId == targetId)
            .OrderByDescending(r => r.CreatedAt).Take(Math.Clamp(take, 1, 100)).ToListAsync(cancellationToken);
        return [.. runs.Select(ToView)];
    }

    /// <summary>Asks an active run to stop before its next step; false when it is not active.</summary>
    public async Task<bool> CancelAsync(Guid runId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.SetupRuns.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null || !s_active.Contains(run.State))
        {
            return false;
        }

        run.CancelRequested = true;
        audit.Append(db, new AuditRecord(actor, "setup.cancel", run.TargetId, AuditResult.Succeeded, $"run {runId}"));
        await db.SaveChangesAsync(cancellationToken);
        // A waiting run has no executor: one is started to record the cancellation now.
        jobs.Enqueue<SetupRunJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        return true;
    }

    internal static SetupRunView ToView(SetupRunRecord run) => new(
        run.Id, run.TargetId, run.SetupId, run.State, run.Message, run.RequestedBy, run.Consent,
        run.RequestedSteps?.Split(',', StringSplitOptions.RemoveEmptyEntries), run.CreatedAt, run.StartedAt, run.FinishedAt, run.NextPollAt, run.Executions,
        run.ProfileJson is null ? null : JsonSerializer.Deserialize<SetupProfile>(run.ProfileJson, SetupStore.Json),
        [.. run.Steps.OrderBy(s => s.Number).Select(s => new SetupRunStepView(
            s.StepId, s.Number, SetupSteps.Find(s.StepId)?.Title ?? s.StepId, s.State, s.Summary,
            s.MessagesJson is null ? [] : JsonSerializer.Deserialize<List<string>>(s.MessagesJson) ?? [],
            s.Code, s.Unblock, s.WaitingStatus, s.NextPollAt, s.StartedAt, s.FinishedAt, s.DurationMs, s.Attempts, s.KubernetesRequests, s.KubernetesWrites, s.IksRequests))]);
}

/// <summary>The Hangfire job that executes a run. Retries are the run's own business (it resumes), never Hangfire's.</summary>
public sealed class SetupRunJob(SetupRunExecutor executor)
{
    /// <summary>Executes (or resumes) the run; Hangfire passes a token that fires on shutdown.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task ExecuteAsync(Guid runId, CancellationToken cancellationToken) => executor.ExecuteAsync(runId, cancellationToken);
}
