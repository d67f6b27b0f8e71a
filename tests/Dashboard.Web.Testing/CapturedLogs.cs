using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Dashboard.Web.Testing;

/// <summary>Everything the app logged, rendered the way the console sinks render it (text and compact JSON).</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>Every event as text and as compact JSON, so a secret in either rendering is found.</summary>
    public string RenderAll()
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var json = new CompactJsonFormatter();
        foreach (var e in _events)
        {
            e.RenderMessage(text, CultureInfo.InvariantCulture);
            text.WriteLine();
            json.Format(e, text);
            if (e.Exception is not null)
            {
                text.WriteLine(e.Exception.ToString());
            }
        }

        return text.ToString();
    }
}
