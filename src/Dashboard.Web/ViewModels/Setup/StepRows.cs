using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;

namespace Dashboard.Web.ViewModels.Setup;

/// <summary>
/// Combines what the service layer reports (each step's observation and plan, the target's recent runs) into the
/// rows the wizard shows, and decides whether each step may be applied: only by Operators, never while a run is
/// active, and never while an earlier step is blocked.
/// </summary>
public static class StepRows
{
    private static readonly SetupRunState[] s_active = [SetupRunState.Pending, SetupRunState.Running, SetupRunState.Waiting];

    /// <summary>The active run among <paramref name="runs"/>, if any.</summary>
    public static SetupRunView? ActiveRun(IEnumerable<SetupRunView> runs) => runs.FirstOrDefault(r => s_active.Contains(r.State));

    /// <summary>Whether a run has not ended yet.</summary>
    public static bool IsActive(SetupRunState state) => s_active.Contains(state);

    /// <summary>
    /// Each step's latest result among <paramref name="runs"/> (newest first) that have ended, with the index of the
    /// run it comes from (0 for the newest): a step that was not part of a run keeps its result from an older one.
    /// </summary>
    public static IReadOnlyDictionary<string, (SetupRunStepView Step, int RunIndex)> LatestResults(IReadOnlyList<SetupRunView> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var latest = new Dictionary<string, (SetupRunStepView, int)>(StringComparer.Ordinal);
        for (var index = 0; index < runs.Count; index++)
        {
            if (IsActive(runs[index].State))
            {
                continue;
            }

            foreach (var step in runs[index].Steps.Where(s => s.State is not (SetupStepState.Pending or SetupStepState.Cancelled or SetupStepState.Running)))
            {
                latest.TryAdd(step.Id, (step, index));
            }
        }

        return latest;
    }

    /// <summary>The rows, in step order.</summary>
    /// <param name="overview">Every step's observation.</param>
    /// <param name="plan">Every step's plan; null while not loaded.</param>
    /// <param name="runs">The target's recent runs, newest first.</param>
    /// <param name="canOperate">Whether the user may apply (Operator or Admin).</param>
    public static IReadOnlyList<StepRow> Build(SetupOverview overview, SetupPlanView? plan, IReadOnlyList<SetupRunView> runs, bool canOperate)
    {
        ArgumentNullException.ThrowIfNull(overview);
        ArgumentNullException.ThrowIfNull(runs);
        var active = ActiveRun(runs);
        var results = LatestResults(runs);
        var rows = new List<StepRow>();
        foreach (var status in overview.Steps.OrderBy(s => s.Number))
        {
            var planned = plan?.Steps.FirstOrDefault(p => p.Id == status.Id)?.Plan;
            var activeStep = active?.Steps.FirstOrDefault(s => s.Id == status.Id && s.State != SetupStepState.Cancelled);
            var last = results.TryGetValue(status.Id, out var result) ? result.Step : null;
            var verification = WizardPanels.IsVerification(status.Id);
            var (state, problem) = Display(status, activeStep, last, verification);
            var wait = state == StepDisplayState.Waiting
                ? activeStep is { } waiting
                    ? new WaitInfo(waiting.WaitingStatus, waiting.StartedAt, waiting.NextPollAt ?? active!.NextPollAt, waiting.Attempts)
                    : new WaitInfo(status.Observation.WaitingStatus, null, null, 0)
                : null;
            var row = new StepRow(status.Id, status.Number, status.Title, WizardPanels.Of(status.Id, status.Group), status.Applies, verification,
                status.Observation, planned?.Objects ?? [], planned?.Commands ?? [], last, activeStep, state, problem, wait, Gate: null!);
            rows.Add(row with { Gate = Gate(row, rows, active, canOperate, overview.Detection.Profile) });
        }

        return rows;
    }

    private static (StepDisplayState, ProblemInfo?) Display(StepStatus status, SetupRunStepView? active, SetupRunStepView? last, bool verification)
    {
        var observation = status.Observation;
        if (!status.Applies)
        {
            return (StepDisplayState.NotNeeded, null);
        }

        if (active is not null)
        {
            return active.State switch
            {
                SetupStepState.Pending => (StepDisplayState.Queued, null),
                SetupStepState.Running => (StepDisplayState.Running, null),
                SetupStepState.Waiting => (StepDisplayState.Waiting, null),
                SetupStepState.Succeeded => (verification ? StepDisplayState.Passed : StepDisplayState.Done, null),
                SetupStepState.Skipped => (StepDisplayState.NotNeeded, null),
                SetupStepState.Blocked => (StepDisplayState.Blocked, FromRun(active)),
                _ => (StepDisplayState.Failed, FromRun(active)),
            };
        }

        // A fresh observation of a block wins over an older result: it says what blocks the step now.
        if (observation.Kind == ObservationKind.Blocked)
        {
            var state = observation.Code == SetupCodes.Prerequisite ? StepDisplayState.NeedsEarlierSteps : StepDisplayState.Blocked;
            return (state, ProblemInfo.From(observation.Summary, observation.Code, observation.Unblock));
        }

        // Failures (and blocks met only while applying, e.g. a secret that does not validate) stay until a later run.
        if (last is { State: SetupStepState.Failed or SetupStepState.Blocked } && (verification || observation.Kind != ObservationKind.InSync))
        {
            return (last.State == SetupStepState.Failed ? StepDisplayState.Failed : StepDisplayState.Blocked, FromRun(last));
        }

        if (verification)
        {
            return (last?.State == SetupStepState.Succeeded ? StepDisplayState.Passed : StepDisplayState.NotVerified, null);
        }

        return (observation.Kind switch
        {
            ObservationKind.InSync => StepDisplayState.Done,
            ObservationKind.Drifted => StepDisplayState.Drifted,
            ObservationKind.Waiting => StepDisplayState.Waiting,
            _ => StepDisplayState.ToDo,
        }, null);
    }

    private static StepGate Gate(StepRow row, List<StepRow> earlier, SetupRunView? active, bool canOperate, SetupProfile profile)
    {
        var label = row.IsVerification
            ? row.State == StepDisplayState.Passed ? "Verify again" : "Verify"
            : row.State == StepDisplayState.Done ? "Apply again" : "Apply";
        if (!row.Applies)
        {
            return new StepGate(false, $"Not needed in the {profile.IstioApi} profile.", false, label, GateReason.NotNeeded);
        }

        if (!canOperate)
        {
            return new StepGate(false, "Viewers cannot apply steps: ask an Operator or an Admin.", false, label, GateReason.Role);
        }

        if (active is not null)
        {
            var current = active.Steps.FirstOrDefault(s => s.State is SetupStepState.Running or SetupStepState.Waiting);
            var where = current is null ? "starting" : $"at step {current.Number}, {current.Title}";
            return new StepGate(false, $"A run is in progress ({where}); wait for it or cancel it.", false, label, GateReason.ActiveRun);
        }

        if (earlier.FirstOrDefault(r => r.State is StepDisplayState.Blocked or StepDisplayState.NeedsEarlierSteps) is { } blocked)
        {
            return new StepGate(false, $"Step {blocked.Number} ({blocked.Title}) is blocked: {blocked.Problem?.Problem}", false, label, GateReason.EarlierBlocked);
        }

        var code = row.Problem?.Code;
        if (row.State == StepDisplayState.Blocked && code is SetupCodes.NotOwned or SetupCodes.FieldConflict)
        {
            return new StepGate(true, null, true, "Take over…");
        }

        if (row.State is StepDisplayState.Blocked or StepDisplayState.NeedsEarlierSteps && row.Observation.Kind == ObservationKind.Blocked)
        {
            return new StepGate(false, row.Problem?.Remedy ?? row.Observation.Summary, false, label, GateReason.Blocked);
        }

        return new StepGate(true, null, false, row.State is StepDisplayState.Failed or StepDisplayState.Blocked ? "Try again" : label);
    }

    private static ProblemInfo FromRun(SetupRunStepView step) => ProblemInfo.From(step.Summary, step.Code, step.Unblock, step.Messages);
}
