using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Ibm;

/// <summary>Log events of the IBM Cloud clients (IAM, IKS), 1400-1499 (docs/logging.md).</summary>
internal static partial class IbmLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "Obtained an IAM token for the API key with fingerprint {KeyFingerprint}, valid until {ExpiresAt}")]
    public static partial void TokenObtained(ILogger logger, string keyFingerprint, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Refreshing the IAM token for the API key with fingerprint {KeyFingerprint} failed ({Kind}); using the current token until {ExpiresAt}")]
    public static partial void TokenRefreshFailed(ILogger logger, string keyFingerprint, IksErrorKind kind, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Debug, Message = "IAM token exchange for the API key with fingerprint {KeyFingerprint} failed: {Kind} (HTTP {Status})")]
    public static partial void TokenExchangeFailed(ILogger logger, string keyFingerprint, IksErrorKind kind, int? status);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Debug, Message = "IKS {Operation} for cluster {Cluster} succeeded")]
    public static partial void IksCallSucceeded(ILogger logger, string operation, string cluster);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Warning, Message = "IKS {Operation} for cluster {Cluster} failed: {Kind} (HTTP {Status}, IBM code {Code}, incident {IncidentId}) after {Attempts} attempt(s)")]
    public static partial void IksCallFailed(ILogger logger, string operation, string cluster, IksErrorKind kind, int? status, string? code, string? incidentId, int attempts);
}
