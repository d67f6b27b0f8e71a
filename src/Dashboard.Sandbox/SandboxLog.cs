using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox;

/// <summary>Log events of the sandbox's composition, 3900-3999 (docs/logging.md).</summary>
internal static partial class SandboxLog
{
    [LoggerMessage(EventId = 3901, Level = LogLevel.Information,
        Message = "Sandbox ready. Kubernetes: {KubeconfigPath} (try: kubectl --kubeconfig {KubeconfigPath} get pods -n istio-system); IKS: {IksBaseUrl}, cluster {IksCluster}; gateway {Gateway}, ALB {Alb}")]
    public static partial void Ready(ILogger logger, string kubeconfigPath, Uri iksBaseUrl, string iksCluster, object? gateway, object? alb);
}
