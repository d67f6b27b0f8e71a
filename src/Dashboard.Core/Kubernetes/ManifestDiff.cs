using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Dashboard.Core.Kubernetes;

/// <summary>What a line of a diff is.</summary>
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

/// <summary>
/// A unified diff of a live object's YAML against what a step writes, built from DiffPlex's line model (3 lines of
/// context, as <c>diff -u</c>): the lines keep their kind, so views and counts never re-parse the text, and the text
/// (<see cref="ToString"/>, what /api shows) is rendered from the same lines. A final newline is not a line.
/// </summary>
[JsonConverter(typeof(ManifestDiffJsonConverter))]
public sealed class ManifestDiff
{
    private const int ContextLines = 3;

    private ManifestDiff(IReadOnlyList<DiffLine> lines) => Lines = lines;

    /// <summary>No difference.</summary>
    public static ManifestDiff None { get; } = new([]);

    /// <summary>Every line: the two headers, then each hunk's header and lines; empty when there is no difference.</summary>
    public IReadOnlyList<DiffLine> Lines { get; }

    /// <summary>Lines only the desired object has.</summary>
    public int Added => Lines.Count(l => l.Kind == DiffLineKind.Added);

    /// <summary>Lines only the live object has.</summary>
    public int Removed => Lines.Count(l => l.Kind == DiffLineKind.Removed);

    /// <summary>The diff from <paramref name="liveYaml"/> (null: the object does not exist) to <paramref name="desiredYaml"/>.</summary>
    public static ManifestDiff Between(string? liveYaml, string desiredYaml, string label)
    {
        ArgumentNullException.ThrowIfNull(desiredYaml);
        var live = WithoutFinalNewline(liveYaml ?? "");
        var desired = WithoutFinalNewline(desiredYaml);
        if (string.Equals(live, desired, StringComparison.Ordinal))
        {
            return None;
        }

        var pieces = Pieces(live, desired);
        var lines = new List<DiffLine> { new(DiffLineKind.Header, "--- live/" + label), new(DiffLineKind.Header, "+++ desired/" + label) };
        foreach (var (start, end) in Hunks(pieces))
        {
            var range = pieces.Skip(start).Take(end - start + 1).ToList();
            var oldCount = range.Count(p => p.Type != ChangeType.Inserted);
            var newCount = range.Count(p => p.Type != ChangeType.Deleted);
            var oldBefore = pieces.Take(start).Count(p => p.Type != ChangeType.Inserted);
            var newBefore = pieces.Take(start).Count(p => p.Type != ChangeType.Deleted);
            lines.Add(new(DiffLineKind.Hunk, string.Create(CultureInfo.InvariantCulture,
                $"@@ -{(oldCount == 0 ? oldBefore : oldBefore + 1)},{oldCount} +{(newCount == 0 ? newBefore : newBefore + 1)},{newCount} @@")));
            lines.AddRange(range.Select(p => p.Type switch
            {
                ChangeType.Inserted => new DiffLine(DiffLineKind.Added, "+" + p.Text),
                ChangeType.Deleted => new DiffLine(DiffLineKind.Removed, "-" + p.Text),
                _ => new DiffLine(DiffLineKind.Context, " " + p.Text),
            }));
        }

        return new ManifestDiff(lines);
    }

    /// <summary>The unified diff as text, one line per <see cref="Lines"/> entry; empty when there is no difference.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var line in Lines)
        {
            text.Append(line.Text).Append('\n');
        }

        return text.ToString();
    }

    // DiffPlex's model of the two texts, line by line, each changed run as diff -u shows it (its removed lines, then
    // its added ones); an empty side has no lines (DiffPlex would see one empty line).
    private static List<DiffPiece> Pieces(string live, string desired)
    {
        if (live.Length == 0 || desired.Length == 0)
        {
            var (text, type) = live.Length == 0 ? (desired, ChangeType.Inserted) : (live, ChangeType.Deleted);
            return [.. text.Split('\n').Select(t => new DiffPiece(t, type))];
        }

        var pieces = new List<DiffPiece>();
        var run = new List<DiffPiece>();
        foreach (var piece in InlineDiffBuilder.Diff(live, desired, ignoreWhiteSpace: false).Lines.Where(l => l.Type != ChangeType.Imaginary).Cast<DiffPiece?>().Append(null))
        {
            if (piece is { Type: ChangeType.Deleted or ChangeType.Inserted })
            {
                run.Add(piece);
                continue;
            }

            pieces.AddRange(run.Where(p => p.Type == ChangeType.Deleted).Concat(run.Where(p => p.Type == ChangeType.Inserted)));
            run.Clear();
            if (piece is not null)
            {
                pieces.Add(piece);
            }
        }

        return pieces;
    }

    // Changed lines with their context, merged where the contexts touch: (first, last) piece of each hunk.
    private static IEnumerable<(int Start, int End)> Hunks(List<DiffPiece> pieces)
    {
        (int Start, int End)? current = null;
        for (var i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Type == ChangeType.Unchanged)
            {
                continue;
            }

            var start = Math.Max(0, i - ContextLines);
            var end = Math.Min(pieces.Count - 1, i + ContextLines);
            if (current is { } open && start <= open.End + 1)
            {
                current = (open.Start, end);
            }
            else
            {
                if (current is { } done)
                {
                    yield return done;
                }

                current = (start, end);
            }
        }

        if (current is { } last)
        {
            yield return last;
        }
    }

    private static string WithoutFinalNewline(string text) => text.EndsWith('\n') ? text[..^1] : text;
}

/// <summary>Writes a <see cref="ManifestDiff"/> as its unified text, the shape /api has always answered with.</summary>
internal sealed class ManifestDiffJsonConverter : JsonConverter<ManifestDiff>
{
    public override ManifestDiff Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A diff is only ever written: the dashboard computes it from the cluster.");

    public override void Write(Utf8JsonWriter writer, ManifestDiff value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
