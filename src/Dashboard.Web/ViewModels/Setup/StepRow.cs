using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Runs;

namespace Dashboard.Web.ViewModels.Setup;

/// <summary>What a step's state chip says: the observation, the active run, or the last result, whichever is current.</summary>
public enum StepDisplayState
{
    /// <summary>The profile does not need the step.</summary>
    NotNeeded,

    /// <summary>The cluster matches.</summary>
    Done,

    /// <summary>Nothing written yet.</summary>
    ToDo,

    /// <summary>Exists but differs.</summary>
    Drifted,

    /// <summary>Blocked only because an earlier step has not run yet.</summary>
    NeedsEarlierSteps,

    /// <summary>Blocked: it cannot proceed without a change.</summary>
    Blocked,

    /// <summary>Waiting for something outside (the nlb-dns certificate).</summary>
    Waiting,

    /// <summary>In the active run, not started yet.</summary>
    Queued,

    /// <summary>Executing now.</summary>
    Running,

    /// <summary>The last attempt failed.</summary>
    Failed,

    /// <summary>A verification that passed.</summary>
    Passed,

    /// <summary>A verification that has not run yet.</summary>
    NotVerified,
}

/// <summary>Why Apply is not possible.</summary>
public enum GateReason
{
    /// <summary>It is possible.</summary>
    None,

    /// <summary>The profile does not need the step.</summary>
    NotNeeded,

    /// <summary>The user is a Viewer (said once for the page).</summary>
    Role,

    /// <summary>A run is in progress (said once, in the run bar).</summary>
    ActiveRun,

    /// <summary>An earlier step is blocked.</summary>
    EarlierBlocked,

    /// <summary>The step itself is blocked.</summary>
    Blocked,
}

/// <summary>Whether Apply is possible for a step, and if not, why.</summary>
/// <param name="Enabled">Whether the button works.</param>
/// <param name="Reason">Why it does not.</param>
/// <param name="NeedsConsent">Applying takes over an object the dashboard does not own: ask first.</param>
/// <param name="Label">The button's text.</param>
/// <param name="Kind">Why, as a kind: reasons that hold for every step (role, active run) are shown once per page.</param>
public sealed record StepGate(bool Enabled, string? Reason, bool NeedsConsent, string Label, GateReason Kind = GateReason.None)
{
    /// <summary>Whether the reason belongs next to this step's button (it is about this step).</summary>
    public bool ShowReason => !Enabled && Reason is not null && Kind is GateReason.EarlierBlocked or GateReason.Blocked;

    /// <summary>Whether applying would only repeat what is done (a secondary action then).</summary>
    public bool IsRepeat => Label is "Apply again" or "Verify again";
}

/// <summary>What a waiting step is waiting for.</summary>
/// <param name="Status">The status IKS reports.</param>
/// <param name="Since">When the wait started (UTC).</param>
/// <param name="NextPoll">When IKS is asked again (UTC).</param>
/// <param name="Attempts">How often it was asked.</param>
public sealed record WaitInfo(string? Status, DateTime? Since, DateTime? NextPoll, int Attempts);

/// <summary>One step as the wizard shows it.</summary>
/// <param name="Id">The step id.</param>
/// <param name="Number">1..15.</param>
/// <param name="Title">The title.</param>
/// <param name="Panel">The panel it is in.</param>
/// <param name="Applies">Whether the profile needs it.</param>
/// <param name="IsVerification">Whether it only checks.</param>
/// <param name="Observation">What the cluster shows now.</param>
/// <param name="Objects">What it would write (YAML, diff).</param>
/// <param name="Commands">The equivalent commands.</param>
/// <param name="LastResult">Its latest finished result in a run, if any.</param>
/// <param name="ActiveStep">Its state in the active run, if it is part of it.</param>
/// <param name="State">The chip.</param>
/// <param name="Problem">Why it is blocked or failed.</param>
/// <param name="Wait">What it waits for.</param>
/// <param name="Gate">Whether Apply works.</param>
public sealed record StepRow(
    string Id,
    int Number,
    string Title,
    WizardPanel Panel,
    bool Applies,
    bool IsVerification,
    StepObservation Observation,
    IReadOnlyList<PlannedObject> Objects,
    IReadOnlyList<string> Commands,
    SetupRunStepView? LastResult,
    SetupRunStepView? ActiveStep,
    StepDisplayState State,
    ProblemInfo? Problem,
    WaitInfo? Wait,
    StepGate Gate)
{
    /// <summary>The result to show under the step: the active run's when it has one, else the last finished one.</summary>
    public SetupRunStepView? Result => ActiveStep is { Summary: not null } ? ActiveStep : LastResult;
}
