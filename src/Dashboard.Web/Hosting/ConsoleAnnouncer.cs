namespace Dashboard.Web.Hosting;

/// <summary>
/// Where one-off announcements for the operator go (the first admin's password): straight to the console, never
/// through the logger, so they cannot reach a log file or collector. Tests swap the writer.
/// </summary>
public sealed class ConsoleAnnouncer(TextWriter writer)
{
    public ConsoleAnnouncer()
        : this(Console.Out)
    {
    }

    public void Announce(params string[] lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        writer.WriteLine();
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }

        writer.WriteLine();
        writer.Flush();
    }
}
