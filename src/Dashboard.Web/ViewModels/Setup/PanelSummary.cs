namespace Dashboard.Web.ViewModels.Setup;

/// <summary>One wizard panel: its steps and how far they are.</summary>
/// <param name="Panel">The panel.</param>
/// <param name="Steps">Its steps, in order.</param>
public sealed record PanelSummary(WizardPanel Panel, IReadOnlyList<StepRow> Steps)
{
    /// <summary>The title.</summary>
    public string Title => WizardPanels.Title(Panel);

    /// <summary>What the panel does.</summary>
    public string Description => WizardPanels.Description(Panel);

    /// <summary>Steps done, passed or not needed.</summary>
    public int Done => Steps.Count(s => s.State is StepDisplayState.Done or StepDisplayState.Passed or StepDisplayState.NotNeeded);

    /// <summary>Whether every step is done.</summary>
    public bool Completed => Steps.Count > 0 && Done == Steps.Count;

    /// <summary>Whether a step failed or is blocked (not merely waiting for earlier steps).</summary>
    public bool HasError => Steps.Any(s => s.State is StepDisplayState.Failed or StepDisplayState.Blocked);

    /// <summary>A step of it runs or waits now.</summary>
    public bool Busy => Steps.Any(s => s.State is StepDisplayState.Running or StepDisplayState.Waiting or StepDisplayState.Queued);

    /// <summary>The line under the title in the stepper.</summary>
    public string Progress => Steps.Any(s => s.State == StepDisplayState.Running) ? "running…"
        : Steps.Any(s => s.State == StepDisplayState.Waiting) ? "waiting…"
        : Steps.Any(s => s.State == StepDisplayState.Queued) ? "queued"
        : HasError ? "needs attention" : $"{Done} of {Steps.Count} done";

    /// <summary>The panels of <paramref name="rows"/>, in order.</summary>
    public static IReadOnlyList<PanelSummary> Of(IReadOnlyList<StepRow> rows) =>
        [.. WizardPanels.All.Select(p => new PanelSummary(p, [.. rows.Where(r => r.Panel == p)]))];
}
