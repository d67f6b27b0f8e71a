using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Setup.Steps;
using Dashboard.Core.Storage;
using Dashboard.Web.ViewModels.Setup;

namespace Dashboard.Web.ViewModels.Overview;

/// <summary>How far a target's setup is, from each step's latest result across its recent runs.</summary>
public enum SetupStateKind
{
    /// <summary>No run yet.</summary>
    NotStarted,

    /// <summary>A run is executing.</summary>
    Running,

    /// <summary>A run waits for IKS (the nlb-dns certificate).</summary>
    Waiting,

    /// <summary>The ALB was verified end to end, and nothing failed since.</summary>
    Complete,

    /// <summary>Steps were applied, but the chain has not been verified end to end yet.</summary>
    InProgress,

    /// <summary>A step's latest result is a failure (or the last run failed before any step).</summary>
    Failed,

    /// <summary>A step's latest result is a block (or the last run was blocked before any step).</summary>
    Blocked,

    /// <summary>The last run was cancelled before the setup was complete.</summary>
    Cancelled,
}

/// <summary>A target's setup state in words, with the last run.</summary>
/// <param name="Kind">The state.</param>
/// <param name="Text">One line.</param>
/// <param name="Run">The target's last run.</param>
public sealed record SetupState(SetupStateKind Kind, string Text, SetupRunView? Run)
{
    private const string EndToEnd = StepIds.VerifyAlb;

    /// <summary>
    /// The state of a target with <paramref name="runs"/> (newest first). Like the wizard's steps, it is built from
    /// each step's latest result across the runs, so a later run of a single step ("Verify again", "Apply again")
    /// does not make a finished setup look unfinished.
    /// </summary>
    public static SetupState Of(IReadOnlyList<SetupRunView> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (StepRows.ActiveRun(runs) is { } active)
        {
            var summary = new RunSummary(active);
            var at = summary.Current is { } current ? $"step {current.Number}, {current.Title}" : "starting";
            return active.State == SetupRunState.Waiting
                ? new SetupState(SetupStateKind.Waiting, $"Waiting at {at} ({summary.Done} of {summary.Total} done)", active)
                : new SetupState(SetupStateKind.Running, $"Running: {at} ({summary.Done} of {summary.Total} done)", active);
        }

        if (runs.Count == 0)
        {
            return new SetupState(SetupStateKind.NotStarted, "Not set up yet", null);
        }

        var last = runs[0];
        var results = StepRows.LatestResults(runs);
        int? verifiedIn = results.TryGetValue(EndToEnd, out var endToEnd) && endToEnd.Step.State == SetupStepState.Succeeded ? endToEnd.RunIndex : null;

        // A failure older than a later successful end-to-end verification has been fixed since.
        var stopped = results.Values
            .Where(r => r.Step.State is SetupStepState.Failed or SetupStepState.Blocked && (verifiedIn is null || r.RunIndex < verifiedIn))
            .OrderBy(r => r.Step.Number)
            .Select(r => r.Step)
            .FirstOrDefault();
        if (stopped is not null)
        {
            return stopped.State == SetupStepState.Failed
                ? new SetupState(SetupStateKind.Failed, $"Failed at step {stopped.Number}, {stopped.Title}", last)
                : new SetupState(SetupStateKind.Blocked, $"Blocked at step {stopped.Number}, {stopped.Title}", last);
        }

        // A run can end before its first step (the cluster unreachable): that is the newest word on the target.
        switch (last.State)
        {
            case SetupRunState.Failed:
                return new SetupState(SetupStateKind.Failed, $"Failed: {last.Message}", last);
            case SetupRunState.Blocked:
                return new SetupState(SetupStateKind.Blocked, $"Blocked: {last.Message}", last);
        }

        if (verifiedIn is not null)
        {
            return new SetupState(SetupStateKind.Complete, "Complete: verified end to end", last);
        }

        return last.State == SetupRunState.Succeeded
            ? new SetupState(SetupStateKind.InProgress, $"In progress: last applied {Describe(last)}", last)
            : new SetupState(SetupStateKind.Cancelled, "Last run cancelled", last);
    }

    private static string Describe(SetupRunView run) =>
        run.Steps.Count == 1 ? $"step {run.Steps[0].Number}, {run.Steps[0].Title}" : $"{run.Steps.Count} steps";
}
