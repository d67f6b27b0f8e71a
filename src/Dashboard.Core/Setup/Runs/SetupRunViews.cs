using Dashboard.Core.Storage;

namespace Dashboard.Core.Setup.Runs;

/// <summary>A run as the API and the wizard show it.</summary>
public sealed record SetupRunView(
    Guid Id,
    string TargetId,
    string SetupId,
    SetupRunState State,
    string? Message,
    string RequestedBy,
    bool Consent,
    IReadOnlyList<string>? RequestedSteps,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    DateTime? NextPollAt,
    int Executions,
    SetupProfile? Profile,
    IReadOnlyList<SetupRunStepView> Steps);

/// <summary>One step of a run: state, result, timings, messages and what it cost in requests.</summary>
public sealed record SetupRunStepView(
    string Id,
    int Number,
    string Title,
    SetupStepState State,
    string? Summary,
    IReadOnlyList<string> Messages,
    string? Code,
    string? Unblock,
    string? WaitingStatus,
    DateTime? NextPollAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    long DurationMs,
    int Attempts,
    int KubernetesRequests,
    int KubernetesWrites,
    int IksRequests);

/// <summary>How a request to start a run ended.</summary>
/// <param name="Run">The accepted run.</param>
/// <param name="Errors">Why it was refused.</param>
/// <param name="NotFound">No such target.</param>
/// <param name="ConflictingRun">The run already active on the target.</param>
public sealed record StartRunResult(SetupRunView? Run, IReadOnlyList<string> Errors, bool NotFound = false, Guid? ConflictingRun = null);

/// <summary>The points inside a step where a crash leaves half-done work behind, which a resumed run must reconcile.</summary>
public enum SetupHookPoint
{
    /// <summary>Step 7: IKS registered the nlb-dns subdomain; the ledger still holds only the intent.</summary>
    RegisteredBeforeConfirmation,

    /// <summary>Object steps: the object is recorded in the ledger and not applied yet.</summary>
    RecordedBeforeApply,
}

/// <summary>
/// Hooks tests use to stop a run at a chosen step, or inside one at a <see cref="SetupHookPoint"/> (e.g. to shut the
/// app down there); none is registered in production, so every call site is skipped.
/// </summary>
public interface ISetupRunHooks
{
    /// <summary>Called before each step executes.</summary>
    Task BeforeStepAsync(Guid runId, string stepId, CancellationToken cancellationToken);

    /// <summary>Called inside step <paramref name="stepId"/> at <paramref name="point"/>; <paramref name="subject"/> names the object or registration.</summary>
    Task InsideStepAsync(string targetId, string stepId, SetupHookPoint point, string subject, CancellationToken cancellationToken) => Task.CompletedTask;
}
