using System.Text;

namespace Dashboard.Core.Probes;

/// <summary>Reads the start of a response body as text without trusting it: bounded, lenient decoding, no control characters.</summary>
internal static class ProbeBodyReader
{
    public static async Task<string> ReadExcerptAsync(HttpContent content, int maxChars, CancellationToken cancellationToken)
    {
        if (maxChars == 0)
        {
            return "";
        }

        var decoder = EncodingFor(content.Headers.ContentType?.CharSet).GetDecoder();
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var bytes = new byte[4096];
        var chars = new char[8192];
        var text = new StringBuilder();
        while (text.Length < maxChars)
        {
            var read = await stream.ReadAsync(bytes, cancellationToken);
            var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: read == 0);
            text.Append(chars, 0, count);
            if (read == 0)
            {
                break;
            }
        }

        var length = Math.Min(maxChars, text.Length);
        if (length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return Sanitize(text.ToString(0, length));
    }

    private static Encoding EncodingFor(string? charset) => charset?.Trim('"', ' ').ToLowerInvariant() switch
    {
        "us-ascii" or "ascii" => Encoding.ASCII,
        "iso-8859-1" or "latin1" => Encoding.Latin1,
        _ => Encoding.UTF8,
    };

    private static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) && c is not ('\n' or '\r' or '\t') ? '\uFFFD' : c);
        }

        return builder.ToString();
    }
}
