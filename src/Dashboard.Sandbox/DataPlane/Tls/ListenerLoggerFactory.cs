using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Sandbox.DataPlane.Tls;

/// <summary>
/// The listeners' logging: Kestrel's own lines (connections, TLS failures) pass through to the app's logging; the
/// embedded hosts' lifecycle and per-request lines ("Application started. Press Ctrl+C…", "Request starting…") are
/// dropped, since the data plane logs what matters itself.
/// </summary>
internal sealed class ListenerLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private static readonly string[] s_dropped = ["Microsoft.Hosting", "Microsoft.Extensions.Hosting", "Microsoft.AspNetCore.Hosting"];

    public ILogger CreateLogger(string categoryName) =>
        s_dropped.Any(prefix => categoryName.StartsWith(prefix, StringComparison.Ordinal)) ? NullLogger.Instance : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The listeners log through the app's logging.");

    // The app owns the inner factory.
    public void Dispose()
    {
    }
}
