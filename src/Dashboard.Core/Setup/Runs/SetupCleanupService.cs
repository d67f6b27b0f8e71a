using Dashboard.Core.Audit;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup.Steps;
using Dashboard.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Setup.Runs;

/// <summary>One step's part of a cleanup.</summary>
/// <param name="Step">The step id.</param>
/// <param name="Outcome">What it removed or restored, or why it could not.</param>
public sealed record CleanupStepResult(string Step, StepOutcome Outcome);

/// <summary>The outcome of a cleanup request.</summary>
/// <param name="Steps">Each step's result, in the order they ran (reverse of the setup); empty when refused.</param>
/// <param name="Errors">Why the cleanup was refused.</param>
/// <param name="NotFound">The target does not exist.</param>
/// <param name="ActiveRun">The unfinished run that refused it, if that was the reason.</param>
public sealed record CleanupResult(IReadOnlyList<CleanupStepResult> Steps, IReadOnlyList<string> Errors, bool NotFound = false, Guid? ActiveRun = null)
{
    /// <summary>True when every step cleaned up.</summary>
    public bool Succeeded => Errors.Count == 0 && Steps.All(s => s.Outcome.Kind == OutcomeKind.Succeeded);
}

/// <summary>
/// Undoes a target's setup in reverse step order: what the setup created (and still carries its labels) is deleted,
/// pre-existing objects it changed are restored, IKS registrations it made are removed; the ledger forgets each entry
/// as it is undone, so a cleanup that stops half-way can be repeated. It holds the target's lease like a run does, so
/// it never races a run, on this replica or another.
/// </summary>
public sealed class SetupCleanupService(SetupService setup, SetupRunService runs, TargetLeases leases, LeaseKeeper keeper, StepServices services, ILogger<SetupCleanupService> logger)
{
    /// <summary>Cleans up the target's setup; refused while a run is unfinished or holds the target.</summary>
    /// <exception cref="ClusterUnavailableException">The cluster cannot be reached.</exception>
    public async Task<CleanupResult> CleanupAsync(string targetId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var scope = SetupLog.TargetScope(logger, targetId);
        if (await runs.ActiveRunAsync(targetId, cancellationToken) is { } active)
        {
            return Refused($"Run {active} is still active on target '{targetId}': wait for it to end or cancel it, then clean up.") with { ActiveRun = active };
        }

        var holder = $"cleanup/{Guid.NewGuid():N}";
        var duration = services.Options.LeaseDuration;
        if (!await leases.TryAcquireAsync(targetId, holder, duration, cancellationToken))
        {
            var current = await leases.CurrentAsync(targetId, cancellationToken);
            return Refused($"Target '{targetId}' is being changed by {current?.Holder ?? "another worker"}; try again when it has finished (the hold expires at {current?.ExpiresAt:u} at the latest).");
        }

        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var lost = new CancellationTokenSource();
        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lost.Token);
        var keeping = keeper.KeepAsync(targetId, holder, duration, lost, heartbeat.Token);
        var results = new List<CleanupStepResult>();
        try
        {
            var session = await setup.OpenAsync(targetId, consent: false, held.Token);
            if (session is null)
            {
                return new CleanupResult([], [$"No target '{targetId}' exists."], NotFound: true);
            }

            foreach (var step in SetupSteps.All.Reverse())
            {
                session.Context.BeginStep(step.Id);
                var outcome = await CleanupStepAsync(step, session.Context, held.Token);
                results.Add(new CleanupStepResult(step.Id, outcome));
                if (outcome.Changes.Count > 0 || outcome.Kind != OutcomeKind.Succeeded)
                {
                    var result = outcome.Kind == OutcomeKind.Succeeded ? AuditResult.Succeeded : AuditResult.Failed;
                    var details = outcome.Changes.Count > 0 ? string.Join("; ", outcome.Changes) : outcome.Summary;
                    // What was done is audited even when the caller has gone away meanwhile.
                    await services.Audit.RecordAsync(new AuditRecord(actor, "setup.cleanup", $"{targetId}/{step.Id}", result, details), CancellationToken.None);
                }
            }

            SetupLog.CleanupFinished(logger, targetId, actor.Name, results.Sum(r => r.Outcome.Changes.Count), results.Count(r => r.Outcome.Kind != OutcomeKind.Succeeded));
            return new CleanupResult(results, []);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            SetupLog.CleanupLostHold(logger, targetId, results.Count);
            return new CleanupResult(results, [$"The hold on target '{targetId}' was lost after {results.Count} steps; clean up again to finish (what is done stays done)."]);
        }
        finally
        {
            await heartbeat.CancelAsync();
            await keeping;
            await leases.ReleaseAsync(targetId, holder, CancellationToken.None);
        }
    }

    private static async Task<StepOutcome> CleanupStepAsync(ISetupStep step, StepContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await step.CleanupAsync(context, cancellationToken);
        }
        catch (StepBlockedException blocked)
        {
            return StepOutcome.From(blocked.Observation);
        }
        catch (KubernetesApiException e)
        {
            // One step's refusal (RBAC, a webhook) must not stop the others: the caller sees which parts remain.
            return StepOutcome.Failure($"The cluster refused the cleanup: {e.Message}", SetupCodes.Kubernetes) with { Unblock = "Check the dashboard's permissions on the cluster, then clean up again." };
        }
    }

    private static CleanupResult Refused(string error) => new([], [error]);
}
