using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.Iks;

/// <summary>Log events of the sandbox's IKS and IAM simulator, 3500-3899 (docs/logging.md).</summary>
internal static partial class IksSimulatorLog
{
    [LoggerMessage(EventId = 3501, Level = LogLevel.Information, Message = "IKS simulator listening on {BaseAddress} (IAM {IamTokenUrl}); {Clusters} cluster(s); certificate secrets via {Kubeconfig}")]
    public static partial void Listening(ILogger logger, Uri baseAddress, Uri iamTokenUrl, int clusters, string kubeconfig);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "The reserved port of the IKS simulator was taken; listening on another one")]
    public static partial void ReservedPortTaken(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3511, Level = LogLevel.Warning, Message = "IKS simulator: the sandbox CA file {Path} could not be used ({Problem}); it was moved to {AsidePath} and a new {Authority} was created")]
    public static partial void CaFileSetAside(ILogger logger, string path, string problem, string asidePath, string authority);

    [LoggerMessage(EventId = 3512, Level = LogLevel.Warning, Message = "IKS simulator: the state {Path} could not be read ({Problem}); it was moved to {AsidePath} and the simulator started without its registrations")]
    public static partial void StateFileSetAside(ILogger logger, string path, string problem, string asidePath);

    [LoggerMessage(EventId = 3521, Level = LogLevel.Error, Message = "The IKS simulator's certificate lifecycle pass failed; it runs again on the next change or timer")]
    public static partial void LifecyclePassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3522, Level = LogLevel.Warning, Message = "Cluster {Cluster} is bound to Kubernetes but no usable kubeconfig is set ({Path}); {Host} waits")]
    public static partial void NoKubeconfig(ILogger logger, string cluster, string? path, string host);

    [LoggerMessage(EventId = 3523, Level = LogLevel.Information, Message = "Restored the missing IKS secret {Namespace}/{SecretName} in cluster {Cluster}")]
    public static partial void SecretRestored(ILogger logger, string @namespace, string secretName, string cluster);

    [LoggerMessage(EventId = 3524, Level = LogLevel.Information, Message = "Deleted the IKS secret {Namespace}/{SecretName} of {Host}")]
    public static partial void SecretDeleted(ILogger logger, string @namespace, string secretName, string host);

    [LoggerMessage(EventId = 3525, Level = LogLevel.Warning, Message = "Could not {Action} the secret of {Host} in cluster {Cluster}; retrying in {Interval}")]
    public static partial void SecretWriteFailed(ILogger logger, Exception exception, object action, string host, string cluster, TimeSpan interval);

    [LoggerMessage(EventId = 3526, Level = LogLevel.Information, Message = "Namespace {Namespace} does not exist in cluster {Cluster}; the certificate of {Host} waits for it")]
    public static partial void NamespaceMissing(ILogger logger, string @namespace, string cluster, string host);

    [LoggerMessage(EventId = 3527, Level = LogLevel.Information, Message = "{Action} the certificate of {Host} (serial {Serial}, until {NotAfter}); its cluster is not bound to Kubernetes, so no secret was written")]
    public static partial void IssuedUnbound(ILogger logger, string action, string host, string serial, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 3528, Level = LogLevel.Information, Message = "{Action} the certificate of {Host} (serial {Serial}, until {NotAfter}) into {Namespace}/{SecretName}")]
    public static partial void Issued(ILogger logger, string action, string host, string serial, DateTimeOffset notAfter, string @namespace, string secretName);
}
