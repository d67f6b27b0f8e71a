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

/// <summary>A hook tests use to stop a run at a chosen step (e.g. to shut the app down there); none in production.</summary>
public interface ISetupRunHooks
{
    /// <summary>Called before each step executes.</summary>
    Task BeforeStepAsync(Guid runId, string stepId, CancellationToken cancellationToken);
}
