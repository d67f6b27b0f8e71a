using System.Collections.Concurrent;
using Dashboard.Core.Setup.Runs;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// A test hook registered in the app: records when each step of each run starts, and can pause the first run that
/// reaches a chosen point (before a step, or inside one at a <see cref="SetupHookPoint"/>) until it is released or the
/// app stops (the run's token fires then, as in a shutdown).
/// </summary>
internal sealed class RunHook : ISetupRunHooks
{
    private readonly string? _stepId;
    private readonly SetupHookPoint? _point;
    private readonly string? _subject;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _paused;

    private RunHook(string? stepId, SetupHookPoint? point, string? subject)
    {
        _stepId = stepId;
        _point = point;
        _subject = subject;
    }

    /// <summary>Completes with the step id or the subject (object, registration) where the run paused.</summary>
    public TaskCompletionSource<string> Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The run that paused (for a pause before a step).</summary>
    public Guid? PausedRun { get; private set; }

    /// <summary>Every step start seen: run, step, when (UTC).</summary>
    public ConcurrentQueue<(Guid RunId, string StepId, DateTime At)> Starts { get; } = new();

    /// <summary>Records only.</summary>
    public static RunHook Recorder() => new(null, null, null);

    /// <summary>Pauses the first run before <paramref name="stepId"/>.</summary>
    public static RunHook PauseBefore(string stepId) => new(stepId, null, null);

    /// <summary>Pauses the first run inside <paramref name="stepId"/> at <paramref name="point"/> (for <paramref name="subject"/> only, when given).</summary>
    public static RunHook PauseInside(string stepId, SetupHookPoint point, string? subject = null) => new(stepId, point, subject);

    /// <summary>Lets the paused run go on.</summary>
    public void Release() => _release.TrySetResult();

    public async Task BeforeStepAsync(Guid runId, string stepId, CancellationToken cancellationToken)
    {
        Starts.Enqueue((runId, stepId, DateTime.UtcNow));
        if (_point is null && stepId == _stepId && Interlocked.Exchange(ref _paused, 1) == 0)
        {
            PausedRun = runId;
            Reached.TrySetResult(stepId);
            await _release.Task.WaitAsync(cancellationToken);
        }
    }

    public async Task InsideStepAsync(string targetId, string stepId, SetupHookPoint point, string subject, CancellationToken cancellationToken)
    {
        if (point == _point && stepId == _stepId && (_subject is null || subject == _subject) && Interlocked.Exchange(ref _paused, 1) == 0)
        {
            Reached.TrySetResult(subject);
            await _release.Task.WaitAsync(cancellationToken);
        }
    }
}
