using Dashboard.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Audit;

/// <summary>Log events of the audit log and the store, 1100-1299 (docs/logging.md).</summary>
internal static partial class AuditLogEvents
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Audit {AuditAction} on {AuditSubject} by {AuditActor}: {AuditResult}")]
    public static partial void Recorded(ILogger logger, string auditAction, string? auditSubject, string auditActor, AuditResult auditResult);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Store ready on {Provider} at migration {Migration}")]
    public static partial void StoreReady(ILogger logger, string? provider, string? migration);
}
