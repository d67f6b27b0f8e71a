using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Targets;

/// <summary>Log events of targets, 1300-1399 (docs/logging.md).</summary>
internal static partial class TargetsLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Target {Target} changed; its clients were rebuilt")]
    public static partial void ClientsRebuilt(ILogger logger, string target);
}
