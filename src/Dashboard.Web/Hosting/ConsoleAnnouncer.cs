using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Web.Hosting;

/// <summary>
/// One-off announcements for the operator (the first admin's random password): written straight to standard output,
/// never through the logger, whose redaction would (rightly) hide the password. That keeps it out of log sinks the
/// app configures, but not out of whatever collects the console: under Docker or Kubernetes the container's output
/// is kept by the runtime and possibly shipped on, so deployments there should preset <c>Auth:AdminPassword</c>.
/// With <c>Logging:Format=json</c> an announcement is one compact-JSON object on one line, like every log event, so
/// the output stays one JSON object per line for collectors (a plain-text block, on stdout or stderr, would not:
/// container runtimes collect both streams alike). Tests swap the writer.
/// </summary>
public sealed class ConsoleAnnouncer(TextWriter writer, bool json, TimeProvider time)
{
    /// <summary>Plain text, for tests that read the announcement.</summary>
    public ConsoleAnnouncer(TextWriter writer)
        : this(writer, json: false, TimeProvider.System)
    {
    }

    /// <summary>Writes the lines as one block (text) or one JSON object (json), in a single write so that log
    /// events written concurrently by the console sink cannot end up inside it.</summary>
    public void Announce(params string[] lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        writer.Write(json ? AsJson(lines) : AsText(lines));
        writer.Flush();
    }

    private static string AsText(string[] lines)
    {
        var rule = new string('=', 66);
        var block = new StringBuilder().AppendLine().AppendLine(rule);
        foreach (var line in lines)
        {
            block.Append(' ').AppendLine(line);
        }

        return block.AppendLine(rule).AppendLine().ToString();
    }

    private string AsJson(string[] lines) =>
        JsonSerializer.Serialize(new JsonAnnouncement(time.GetUtcNow().UtcDateTime, string.Join(' ', lines), "Warning", typeof(ConsoleAnnouncer).FullName!))
        + Environment.NewLine;

    // The field names of Serilog's compact JSON (@t, @m, @l), so collectors parse it like any other event.
    private sealed record JsonAnnouncement(
        [property: JsonPropertyName("@t")] DateTime Timestamp,
        [property: JsonPropertyName("@m")] string Message,
        [property: JsonPropertyName("@l")] string Level,
        string SourceContext);
}
