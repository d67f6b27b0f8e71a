using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace Dashboard.Web.ViewModels.Preview;

/// <summary>A run of text and the CSS class it is shown with (null for plain text).</summary>
public sealed record TextSegment(string Text, string? CssClass);

/// <summary>
/// YAML syntax highlighting on the server with YamlDotNet's scanner: keys, strings, numbers, literals, comments and
/// punctuation become segments with a class; the text between tokens is kept as is. Text that does not scan as
/// YAML is returned as one plain segment. Key material is redacted before scanning.
/// </summary>
public static class YamlHighlighter
{
    private static readonly HashSet<string> s_literals = new(StringComparer.OrdinalIgnoreCase) { "true", "false", "null", "~", "yes", "no", "on", "off" };

    /// <summary>The segments of <paramref name="yaml"/>; concatenated, their text is the (redacted) input.</summary>
    public static IReadOnlyList<TextSegment> Highlight(string? yaml)
    {
        var text = KeyMaterialFilter.Redact(yaml);
        var segments = new List<TextSegment>();
        try
        {
            var scanner = new Scanner(new StringReader(text), skipComments: false);
            var position = 0;
            var keyNext = false;
            while (scanner.MoveNext())
            {
                var token = scanner.Current!;
                var (cssClass, isKey) = Classify(token, keyNext);
                keyNext = isKey;
                if (cssClass is null)
                {
                    continue;
                }

                var start = checked((int)token.Start.Index);
                var end = checked((int)token.End.Index);
                if (start < position || end <= start || end > text.Length)
                {
                    continue;
                }

                Add(segments, text[position..start], null);
                Add(segments, text[start..end], cssClass);
                position = end;
            }

            Add(segments, text[position..], null);
            return segments;
        }
        catch (YamlException)
        {
            return [new TextSegment(text, null)];
        }
    }

    // Returns the class for the token and whether the next scalar is a mapping key.
    private static (string? CssClass, bool KeyNext) Classify(Token token, bool keyNext) => token switch
    {
        Key => (null, true),
        Value => ("yaml-punct", false),
        BlockEntry or FlowEntry or FlowSequenceStart or FlowSequenceEnd or FlowMappingStart or FlowMappingEnd => ("yaml-punct", false),
        Comment => ("yaml-comment", keyNext),
        Anchor or AnchorAlias or Tag => ("yaml-tag", keyNext),
        DocumentStart or DocumentEnd => ("yaml-punct", false),
        Scalar scalar when keyNext => ("yaml-key", false),
        Scalar scalar => (ValueClass(scalar), false),
        _ => (null, keyNext),
    };

    private static string ValueClass(Scalar scalar)
    {
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return "yaml-string";
        }

        if (s_literals.Contains(scalar.Value))
        {
            return "yaml-literal";
        }

        return double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "yaml-number" : "yaml-value";
    }

    private static void Add(List<TextSegment> segments, string text, string? cssClass)
    {
        if (text.Length > 0)
        {
            segments.Add(new TextSegment(text, cssClass));
        }
    }
}
