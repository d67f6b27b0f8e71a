using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Dashboard.Web.ViewModels.Setup;

namespace Dashboard.Web.ViewModels.Overview;

/// <summary>How far a target's setup is, from its recent runs.</summary>
public enum SetupStateKind
{
    /// <summary>No run yet.</summary>
    NotStarted,

    /// <summary>A run is executing.</summary>
    Running,

    /// <summary>A run waits for IKS (the nlb-dns certificate).</summary>
    Waiting,

    /// <summary>The last run succeeded and verified the ALB end to end.</summary>
    Complete,

    /// <summary>The last run succeeded but did not verify the whole chain (steps applied one by one).</summary>
    InProgress,

    /// <summary>The last run failed.</summary>
    Failed,

    /// <summary>The last run was blocked.</summary>
    Blocked,

    /// <summary>The last run was cancelled.</summary>
    Cancelled,
}

/// <summary>A target's setup state in words, with the run it comes from.</summary>
/// <param name="Kind">The state.</param>
/// <param name="Text">One line.</param>
/// <param name="Run">The run it is derived from.</param>
public sealed record SetupState(SetupStateKind Kind, string Text, SetupRunView? Run)
{
    /// <summary>The state of a target with <paramref name="runs"/> (newest first).</summary>
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
        var stopped = last.Steps.FirstOrDefault(s => s.State is SetupStepState.Failed or SetupStepState.Blocked);
        return last.State switch
        {
            SetupRunState.Succeeded when last.Steps.Any(s => s.Id == "verify-alb" && s.State == SetupStepState.Succeeded) =>
                new SetupState(SetupStateKind.Complete, "Complete: verified end to end", last),
            SetupRunState.Succeeded => new SetupState(SetupStateKind.InProgress, $"In progress: last applied {Describe(last)}", last),
            SetupRunState.Failed => new SetupState(SetupStateKind.Failed, stopped is null ? $"Failed: {last.Message}" : $"Failed at step {stopped.Number}, {stopped.Title}", last),
            SetupRunState.Blocked => new SetupState(SetupStateKind.Blocked, stopped is null ? $"Blocked: {last.Message}" : $"Blocked at step {stopped.Number}, {stopped.Title}", last),
            _ => new SetupState(SetupStateKind.Cancelled, "Last run cancelled", last),
        };
    }

    private static string Describe(SetupRunView run) =>
        run.Steps.Count == 1 ? $"step {run.Steps[0].Number}, {run.Steps[0].Title}" : $"{run.Steps.Count} steps";
}
