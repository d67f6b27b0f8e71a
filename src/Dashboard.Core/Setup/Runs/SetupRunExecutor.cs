using System.Diagnostics;
using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup.Steps;
using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Setup.Runs;

/// <summary>
/// Executes a run: takes the target's lease, detects the profile, then runs each remaining step in order (observe →
/// apply → verify), persisting state, result, timings, messages and request counts after every step and publishing
/// progress events. Step 8 never blocks a worker: the run turns Waiting and a delayed continuation job polls again
/// with back-off. A run interrupted by shutdown stays Running and is resumed at start-up; steps are idempotent, and a
/// second executor of the same run (Hangfire's own requeue) finds the lease taken and stands aside.
/// </summary>
public sealed class SetupRunExecutor(
    IDbContextFactory<DashboardDbContext> contexts,
    SetupService setup,
    TargetLeases leases,
    LeaseKeeper keeper,
    ISetupEvents events,
    IBackgroundJobClient jobs,
    StepServices services,
    IHostApplicationLifetime lifetime,
    IServiceProvider provider,
    ILogger<SetupRunExecutor> logger)
{
    private static readonly SetupRunState[] s_terminal = [SetupRunState.Succeeded, SetupRunState.Failed, SetupRunState.Blocked, SetupRunState.Cancelled];
    private static readonly SetupStepState[] s_done = [SetupStepState.Succeeded, SetupStepState.Skipped];

    private TimeProvider Time => services.Time;

    /// <summary>Executes or resumes <paramref name="runId"/>.</summary>
    public async Task ExecuteAsync(Guid runId, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var ct = linked.Token;
        var run = await LoadAsync(runId, ct);
        if (run is null || s_terminal.Contains(run.State))
        {
            return;
        }

        using var scope = SetupLog.RunScope(logger, run.TargetId, runId);

        var holder = $"{runId:N}/{Guid.NewGuid():N}";
        var leaseDuration = services.Options.LeaseDuration;
        if (!await leases.TryAcquireAsync(run.TargetId, holder, leaseDuration, ct))
        {
            var current = await leases.CurrentAsync(run.TargetId, ct);
            var retryIn = current is null ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Max(current.ExpiresAt.Ticks - Time.GetUtcNow().UtcDateTime.Ticks, TimeSpan.FromMilliseconds(200).Ticks));
            logger.LogInformation("Run {RunId} stands aside: target {Target} is leased by {Holder}; trying again in {RetryIn}", runId, run.TargetId, current?.Holder, retryIn);
            jobs.Schedule<SetupRunJob>(job => job.ExecuteAsync(runId, CancellationToken.None), retryIn);
            return;
        }

        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var leaseLost = new CancellationTokenSource();
        using var held = CancellationTokenSource.CreateLinkedTokenSource(ct, leaseLost.Token);
        var renewal = keeper.KeepAsync(run.TargetId, holder, leaseDuration, leaseLost, heartbeat.Token);
        try
        {
            await ExecuteHeldAsync(run, held.Token);
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Another worker took the target after this one stalled past the lease: stop at once, resume later.
            var current = await leases.CurrentAsync(run.TargetId, CancellationToken.None);
            logger.LogWarning("Run {RunId} lost its hold on target {Target} to {Holder}; it stops and tries again in {RetryIn}", runId, run.TargetId, current?.Holder, leaseDuration);
            await UpdateRunAsync(runId, r =>
            {
                // Whoever holds the target now may have moved the run on (e.g. to Waiting); its message stays then.
                if (r.State == SetupRunState.Running)
                {
                    r.Message = "Lost the hold on the target to another worker; the run continues when the target is free.";
                }
            }, CancellationToken.None);
            jobs.Schedule<SetupRunJob>(job => job.ExecuteAsync(runId, CancellationToken.None), leaseDuration);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await UpdateRunAsync(runId, r => r.Message = "Interrupted by a shutdown; the run resumes when the dashboard starts again.", CancellationToken.None);
            logger.LogInformation("Run {RunId} interrupted by shutdown; it resumes at the next start", runId);
        }
        catch (Exception e) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The sandbox or the network went away because the process is stopping: resumable, not failed.
            logger.LogInformation(e, "Run {RunId} interrupted while the dashboard stops; it resumes at the next start", runId);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Run {RunId} on target {Target} failed unexpectedly", runId, run.TargetId);
            await FinishAsync(runId, SetupRunState.Failed, $"The run failed unexpectedly: {e.GetType().Name}: {e.Message}", CancellationToken.None);
        }
        finally
        {
            await heartbeat.CancelAsync();
            await renewal;
            await leases.ReleaseAsync(run.TargetId, holder, CancellationToken.None);
        }
    }

    private async Task ExecuteHeldAsync(SetupRunRecord run, CancellationToken ct)
    {
        var actor = new Actor(run.RequestedBy, run.RequestedFrom);
        var now = Time.GetUtcNow().UtcDateTime;
        await UpdateRunAsync(run.Id, r =>
        {
            r.State = SetupRunState.Running;
            r.StartedAt ??= now;
            r.Executions++;
            r.NextPollAt = null;
            r.Message = "Running.";
        }, ct);
        Publish(run, SetupRunState.Running, null, null, "Running.");

        var (tally, scope) = RequestTally.Begin();
        SetupSession? session;
        using (scope)
        {
            try
            {
                session = await setup.OpenAsync(run.TargetId, run.Consent, ct);
            }
            catch (ClusterUnavailableException e)
            {
                await FinishAsync(run.Id, SetupRunState.Failed, e.Message, ct);
                return;
            }
        }

        if (session is null)
        {
            await FinishAsync(run.Id, SetupRunState.Failed, $"The target '{run.TargetId}' no longer exists.", ct);
            return;
        }

        logger.LogInformation("Run {RunId} on {Target}: profile {Profile} ({Requests} Kubernetes and {IksRequests} IKS requests to detect)", run.Id, run.TargetId, session.Context.Profile, tally.Kubernetes, tally.Iks);
        await UpdateRunAsync(run.Id, r => r.ProfileJson = JsonSerializer.Serialize(session.Context.Profile, SetupStore.Json), ct);
        var hooks = provider.GetService<ISetupRunHooks>();
        // A run resumed after an interruption (not after a planned wait) re-observes the object steps it finished earlier:
        // the cluster may have changed meanwhile, and observing costs one read per object.
        var resumed = run.Executions > 0 && run.State != SetupRunState.Waiting;
        foreach (var record in run.Steps.OrderBy(s => s.Number).Where(s => !s_done.Contains(s.State) || (resumed && s.State == SetupStepState.Succeeded && SetupSteps.Find(s.StepId) is ObjectStep)))
        {
            if ((await LoadAsync(run.Id, ct))?.CancelRequested == true)
            {
                await CancelRemainingAsync(run, ct);
                return;
            }

            var step = SetupSteps.Find(record.StepId)!;
            if (hooks is not null)
            {
                await hooks.BeforeStepAsync(run.Id, step.Id, ct);
            }

            var (state, outcome) = await ExecuteStepAsync(run, record, step, session.Context, actor, ct);
            switch (state)
            {
                case SetupStepState.Waiting:
                    var attempts = record.Attempts;
                    var delay = Backoff(attempts);
                    var next = Time.GetUtcNow().UtcDateTime + delay;
                    await UpdateStepAsync(record.Id, s => s.NextPollAt = next, ct);
                    await UpdateRunAsync(run.Id, r =>
                    {
                        r.State = SetupRunState.Waiting;
                        r.NextPollAt = next;
                        r.Message = $"Waiting at step {step.Number} ({step.Title}): {outcome.Summary} Next poll at {next:HH:mm:ss} UTC.";
                    }, ct);
                    Publish(run, SetupRunState.Waiting, step.Id, SetupStepState.Waiting, outcome.Summary);
                    jobs.Schedule<SetupRunJob>(job => job.ExecuteAsync(run.Id, CancellationToken.None), delay);
                    return;
                case SetupStepState.Blocked:
                    await FinishAsync(run.Id, SetupRunState.Blocked, $"Blocked at step {step.Number} ({step.Title}): {outcome.Summary}", ct);
                    return;
                case SetupStepState.Failed:
                    await FinishAsync(run.Id, SetupRunState.Failed, $"Failed at step {step.Number} ({step.Title}): {outcome.Summary}", ct);
                    return;
            }
        }

        await FinishAsync(run.Id, SetupRunState.Succeeded, "Every step succeeded.", ct);
    }

    private async Task<(SetupStepState State, StepOutcome Outcome)> ExecuteStepAsync(SetupRunRecord run, SetupRunStepRecord record, ISetupStep step, StepContext context, Actor actor, CancellationToken ct)
    {
        var started = Time.GetUtcNow().UtcDateTime;
        await UpdateStepAsync(record.Id, s =>
        {
            s.State = SetupStepState.Running;
            s.StartedAt ??= started;
        }, ct);
        Publish(run, SetupRunState.Running, step.Id, SetupStepState.Running, step.Title);
        context.BeginStep(step.Id);
        context.StepStartedAt = new DateTimeOffset(DateTime.SpecifyKind(record.StartedAt ?? started, DateTimeKind.Utc));
        context.StepAttempts = record.Attempts;
        var watch = Stopwatch.StartNew();
        var (tally, scope) = RequestTally.Begin();
        StepOutcome outcome;
        SetupStepState state;
        using (scope)
        {
            (state, outcome) = await RunStepAsync(step, context, ct);
        }

        watch.Stop();
        if (outcome.Changes.Count > 0 || state == SetupStepState.Failed)
        {
            await services.Audit.RecordAsync(new AuditRecord(actor, "setup.apply", $"{run.TargetId}/{step.Id}",
                state == SetupStepState.Failed ? AuditResult.Failed : AuditResult.Succeeded,
                $"run {run.Id}: " + (outcome.Changes.Count > 0 ? string.Join("; ", outcome.Changes) : outcome.Summary)), CancellationToken.None);
        }

        var finished = state is SetupStepState.Waiting ? (DateTime?)null : Time.GetUtcNow().UtcDateTime;
        await UpdateStepAsync(record.Id, s =>
        {
            s.State = state;
            s.FinishedAt = finished;
            s.DurationMs += watch.ElapsedMilliseconds;
            s.Summary = outcome.Summary;
            s.MessagesJson = JsonSerializer.Serialize(outcome.Messages);
            s.Code = outcome.Code;
            s.Unblock = outcome.Unblock;
            s.WaitingStatus = outcome.WaitingStatus;
            s.Attempts++;
            s.KubernetesRequests += tally.Kubernetes;
            s.KubernetesWrites += tally.KubernetesWrites;
            s.IksRequests += tally.Iks;
        }, ct);
        record.Attempts++;
        record.State = state;
        Publish(run, SetupRunState.Running, step.Id, state, outcome.Summary);
        logger.LogInformation("Run {RunId} step {Step} {State} in {ElapsedMs} ms ({KubernetesRequests} Kubernetes requests, {KubernetesWrites} writes, {IksRequests} IKS): {Summary}",
            run.Id, step.Id, state, watch.ElapsedMilliseconds, tally.Kubernetes, tally.KubernetesWrites, tally.Iks, outcome.Summary);
        return (state, outcome);
    }

    private static async Task<(SetupStepState, StepOutcome)> RunStepAsync(ISetupStep step, StepContext context, CancellationToken ct)
    {
        if (!step.AppliesTo(context.Profile))
        {
            return (SetupStepState.Skipped, StepOutcome.Success($"Not needed in the {context.Profile.IstioApi} profile."));
        }

        try
        {
            var observation = await SetupService.ObserveSafelyAsync(step, context, ct);
            switch (observation.Kind)
            {
                case ObservationKind.InSync:
                    return (SetupStepState.Succeeded, StepOutcome.Success(observation.Summary));
                case ObservationKind.Blocked:
                    return (SetupStepState.Blocked, StepOutcome.From(observation));
            }

            var applied = await step.ApplyAsync(context, ct);
            if (applied.Kind != OutcomeKind.Succeeded)
            {
                return (State(applied.Kind), applied);
            }

            var verified = await step.VerifyAsync(context, ct);
            return (State(verified.Kind), verified with
            {
                Summary = applied.Changes.Count > 0 ? $"{applied.Summary} {verified.Summary}" : verified.Summary,
                Changes = applied.Changes,
                Messages = [.. applied.Messages, .. verified.Messages],
            });
        }
        catch (StepBlockedException blocked)
        {
            return (blocked.Observation.Kind == ObservationKind.Waiting ? SetupStepState.Waiting : SetupStepState.Blocked, StepOutcome.From(blocked.Observation));
        }
        catch (KubernetesApiException e)
        {
            return (SetupStepState.Failed, StepOutcome.Failure(e.Message, SetupCodes.Kubernetes));
        }
    }

    private static SetupStepState State(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Succeeded => SetupStepState.Succeeded,
        OutcomeKind.Waiting => SetupStepState.Waiting,
        OutcomeKind.Blocked => SetupStepState.Blocked,
        _ => SetupStepState.Failed,
    };

    private TimeSpan Backoff(int attempts)
    {
        var options = services.Options;
        var factor = Math.Pow(2, Math.Min(Math.Max(attempts - 1, 0), 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.NlbPollInitialDelay.Ticks * factor, options.NlbPollMaxDelay.Ticks));
        return delay;
    }

    private async Task CancelRemainingAsync(SetupRunRecord run, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.SetupRunSteps.Where(s => s.RunId == run.Id && (s.State == SetupStepState.Pending || s.State == SetupStepState.Waiting || s.State == SetupStepState.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, SetupStepState.Cancelled), ct);
        await FinishAsync(run.Id, SetupRunState.Cancelled, "Cancelled on request.", ct);
    }

    private async Task FinishAsync(Guid runId, SetupRunState state, string message, CancellationToken ct)
    {
        var run = await UpdateRunAsync(runId, r =>
        {
            r.State = state;
            r.Message = message;
            r.FinishedAt = Time.GetUtcNow().UtcDateTime;
            r.NextPollAt = null;
        }, ct);
        if (run is not null)
        {
            Publish(run, state, null, null, message);
            logger.LogInformation("Run {RunId} on {Target} ended {State}: {Message}", runId, run.TargetId, state, message);
        }
    }

    private async Task<SetupRunRecord?> LoadAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SetupRuns.AsNoTracking().Include(r => r.Steps).FirstOrDefaultAsync(r => r.Id == runId, ct);
    }

    private async Task<SetupRunRecord?> UpdateRunAsync(Guid runId, Action<SetupRunRecord> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.SetupRuns.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is not null)
        {
            change(run);
            await db.SaveChangesAsync(ct);
        }

        return run;
    }

    private async Task UpdateStepAsync(long stepId, Action<SetupRunStepRecord> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var step = await db.SetupRunSteps.FirstAsync(s => s.Id == stepId, ct);
        change(step);
        await db.SaveChangesAsync(ct);
    }

    private void Publish(SetupRunRecord run, SetupRunState state, string? stepId, SetupStepState? stepState, string? message) =>
        events.Publish(new SetupEvent(run.Id, run.TargetId, state, stepId, stepState, message, Time.GetUtcNow()));
}
