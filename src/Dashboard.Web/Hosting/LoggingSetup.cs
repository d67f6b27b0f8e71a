using Dashboard.Web.Logging;
using Dashboard.Web.Options;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Dashboard.Web.Hosting;

internal static class LoggingSetup
{
    /// <summary>
    /// Serilog as the only logging provider: console (text or compact JSON), scopes as properties, secrets redacted.
    /// The app's logger is its own, not the static <see cref="Log"/>: with the static one, an app in a process that
    /// hosts several (the tests) would write through whichever app was built last, and lose its logs when any other
    /// app is disposed.
    /// </summary>
    public static WebApplicationBuilder AddDashboardLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration.GetSection(LoggingOptions.SectionName).Get<LoggingOptions>() ?? new LoggingOptions();
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .ReadFrom.Configuration(builder.Configuration)
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Hangfire", LogEventLevel.Information)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Application", "Dashboard")
                // Last, so that it sees every property the other enrichers added.
                .Enrich.With<SensitiveDataRedactor>();
            if (format.IsJson)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }

            foreach (var sink in services.GetServices<LogSinkRegistration>())
            {
                logger.WriteTo.Sink(sink.Sink);
            }
        }, preserveStaticLogger: true);
        return builder;
    }
}

/// <summary>An extra sink (tests use it to read what the app logged).</summary>
public sealed record LogSinkRegistration(Serilog.Core.ILogEventSink Sink);
