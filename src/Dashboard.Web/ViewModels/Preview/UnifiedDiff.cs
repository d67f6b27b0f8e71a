namespace Dashboard.Web.ViewModels.Preview;

/// <summary>What a line of a unified diff is.</summary>
public enum DiffLineKind
{
    /// <summary>Unchanged context.</summary>
    Context,

    /// <summary>Only in the desired object: the step adds it.</summary>
    Added,

    /// <summary>Only in the live object: the step removes or replaces it.</summary>
    Removed,

    /// <summary>A hunk header (<c>@@ -a,b +c,d @@</c>).</summary>
    Hunk,

    /// <summary>The file header (<c>---</c> / <c>+++</c>).</summary>
    Header,
}

/// <summary>One line of a diff.</summary>
/// <param name="Kind">What the line is.</param>
/// <param name="Text">The line, with its +/-/space prefix (read aloud by screen readers, so the change is not colour alone).</param>
public sealed record DiffLine(DiffLineKind Kind, string Text);

/// <summary>Splits the service's unified diffs into classified lines; key material is redacted first.</summary>
public static class UnifiedDiff
{
    /// <summary>The lines of <paramref name="diff"/>; empty when there is no difference.</summary>
    public static IReadOnlyList<DiffLine> Parse(string? diff)
    {
        var text = KeyMaterialFilter.Redact(diff).TrimEnd('\n');
        if (text.Length == 0)
        {
            return [];
        }

        var lines = new List<DiffLine>();
        var inHunk = false;
        foreach (var line in text.Split('\n'))
        {
            // Before the first hunk, ---/+++ name the two sides; inside a hunk they are removed/added lines ("---" of YAML).
            var header = !inHunk && (line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal));
            inHunk |= line.StartsWith("@@", StringComparison.Ordinal);
            lines.Add(header ? new DiffLine(DiffLineKind.Header, line) : Classify(line));
        }

        return lines;
    }

    /// <summary>Counts of added and removed lines.</summary>
    public static (int Added, int Removed) Count(IReadOnlyList<DiffLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return (lines.Count(l => l.Kind == DiffLineKind.Added), lines.Count(l => l.Kind == DiffLineKind.Removed));
    }

    private static DiffLine Classify(string line) => line switch
    {
        _ when line.StartsWith("@@", StringComparison.Ordinal) => new(DiffLineKind.Hunk, line),
        _ when line.StartsWith('+') => new(DiffLineKind.Added, line),
        _ when line.StartsWith('-') => new(DiffLineKind.Removed, line),
        _ => new(DiffLineKind.Context, line),
    };
}
