using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;

namespace Dashboard.Web.ViewModels.Setup;

/// <summary>A run as the run bar shows it: how far, where it is now, and what it said.</summary>
/// <param name="Run">The run.</param>
public sealed record RunSummary(SetupRunView Run)
{
    /// <summary>Whether it still runs (or waits).</summary>
    public bool Active => StepRows.IsActive(Run.State);

    /// <summary>Steps finished (succeeded or skipped).</summary>
    public int Done => Run.Steps.Count(s => s.State is SetupStepState.Succeeded or SetupStepState.Skipped);

    /// <summary>Steps in the run.</summary>
    public int Total => Run.Steps.Count;

    /// <summary>0..100.</summary>
    public double Percent => Total == 0 ? 0 : 100.0 * Done / Total;

    /// <summary>The step running or waiting now, else the next pending one.</summary>
    public SetupRunStepView? Current => Run.Steps.FirstOrDefault(s => s.State is SetupStepState.Running or SetupStepState.Waiting)
        ?? (Active ? Run.Steps.FirstOrDefault(s => s.State == SetupStepState.Pending) : null);

    /// <summary>"All remaining steps" or the steps it was asked to run.</summary>
    public string Scope => Run.RequestedSteps is { Count: > 0 } steps
        ? steps.Count == 1 ? $"step {(Run.Steps.Count > 0 ? Run.Steps[0].Number : 0)} only" : $"{steps.Count} chosen steps"
        : "all remaining steps";
}
