namespace Dashboard.Core.Targets;

/// <summary>Tells holders of per-target state (cached clients) that a target changed or was deleted.</summary>
public sealed class TargetChangeSignal
{
    /// <summary>Raised with the target id after it changed.</summary>
    public event Action<string>? Changed;

    /// <summary>Announces a change.</summary>
    public void Raise(string targetId) => Changed?.Invoke(targetId);
}
