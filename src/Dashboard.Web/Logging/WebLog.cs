namespace Dashboard.Web.Logging;

/// <summary>Log events of the web app: 2000-2099 hosting, 2100-2199 pages and view models (docs/logging.md).</summary>
internal static partial class WebLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "The first admin was created by another replica; nothing to do")]
    public static partial void FirstAdminCreatedElsewhere(ILogger logger);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Created the first admin user {UserName} ({Origin})")]
    public static partial void FirstAdminCreated(ILogger logger, string userName, string origin);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "The setup of target {Target} cannot be read: {Reason}")]
    public static partial void SetupUnreadable(ILogger logger, string target, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "The wizard could not {Action} on target {Target} (reference {Reference})")]
    public static partial void WizardFailed(ILogger logger, Exception exception, string action, string target, string reference);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "A page failed at {Path} (reference {Reference})")]
    public static partial void PageFailed(ILogger logger, Exception exception, string path, string reference);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Debug, Message = "Discarding unreadable theme preference")]
    public static partial void ThemePreferenceUnreadable(ILogger logger, Exception exception);
}
