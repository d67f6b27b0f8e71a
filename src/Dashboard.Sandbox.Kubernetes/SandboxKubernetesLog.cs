using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.Kubernetes;

/// <summary>Log events of the sandbox's Kubernetes API simulator, 3000-3499 (docs/logging.md).</summary>
internal static partial class SandboxKubernetesLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Sandbox Kubernetes API ({Flavour}) listening on {Address}; kubeconfig: {KubeconfigPath}")]
    public static partial void Listening(ILogger logger, object flavour, Uri address, string kubeconfigPath);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Sandbox controllers were still busy when the cluster was reset")]
    public static partial void ControllersBusyAtReset(ILogger logger);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Sandbox Kubernetes cluster reset to its preloaded {Flavour} state")]
    public static partial void Reset(ILogger logger, object flavour);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Sandbox cluster state {Path} is damaged; moved to {Aside}, starting from the preloaded cluster")]
    public static partial void StateDamaged(ILogger logger, Exception exception, string path, string aside);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Error, Message = "Could not save the sandbox cluster state to {Path}; will retry on the next change")]
    public static partial void StateSaveFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "A simulated controller failed on a work item; the cluster state may lag until the next change")]
    public static partial void ControllerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Error, Message = "Unexpected failure serving {Method} {Path}")]
    public static partial void ServingFailed(ILogger logger, Exception exception, string method, string path);
}
