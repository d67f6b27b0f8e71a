using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Setup;

/// <summary>Log events of the guided setup outside the run engine (cleanup, leases), 1600-1699 (docs/logging.md).</summary>
internal static partial class SetupLog
{
    private static readonly Func<ILogger, string, IDisposable?> s_targetScope = LoggerMessage.DefineScope<string>("Target {Target}");
    private static readonly Func<ILogger, string, Guid, IDisposable?> s_runScope = LoggerMessage.DefineScope<string, Guid>("Target {Target}, run {RunId}");

    /// <summary>A scope naming the target, so that everything logged while it is open (IKS, probes, steps) says which.</summary>
    public static IDisposable? TargetScope(ILogger logger, string target) => s_targetScope(logger, target);

    /// <summary>A scope naming the target and the run.</summary>
    public static IDisposable? RunScope(ILogger logger, string target, Guid runId) => s_runScope(logger, target, runId);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Cleanup of target {Target} by {Actor}: {Changes} changes, {Failures} steps not cleaned up")]
    public static partial void CleanupFinished(ILogger logger, string target, string actor, int changes, int failures);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Cleanup of target {Target} lost its hold on the target after {Steps} steps")]
    public static partial void CleanupLostHold(ILogger logger, string target, int steps);

    [LoggerMessage(EventId = 1611, Level = LogLevel.Warning, Message = "Renewing the lease on target {Target} failed; retrying")]
    public static partial void LeaseRenewalFailed(ILogger logger, Exception exception, string target);

    [LoggerMessage(EventId = 1612, Level = LogLevel.Warning, Message = "The lease on target {Target} could not be renewed before it expired")]
    public static partial void LeaseExpired(ILogger logger, Exception exception, string target);
}
