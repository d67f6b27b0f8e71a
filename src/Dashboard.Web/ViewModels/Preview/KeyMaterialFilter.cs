using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

using Dashboard.Core.Kubernetes;

namespace Dashboard.Web.ViewModels.Preview;

/// <summary>
/// The last line of defence before text reaches a page: the service layer already describes secrets by keys and
/// certificate summaries, but anything shown (YAML, diffs, commands, messages) passes through here, so a PEM private
/// key, the base64 of one (a Secret's <c>data</c>), or a base64 DER key can never be rendered.
/// </summary>
public static partial class KeyMaterialFilter
{
    /// <summary>What replaces key material.</summary>
    public const string Placeholder = "(private key hidden)";

    /// <summary>Returns <paramref name="text"/> with every private key replaced by <see cref="Placeholder"/>.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var redacted = PemPrivateKey().Replace(text, Placeholder);
        return Base64Run().Replace(redacted, m => IsKeyMaterial(m.Value) ? Placeholder : m.Value);
    }

    /// <summary>
    /// <paramref name="lines"/> with key material replaced: base64 key data line by line, and every line of a PEM
    /// private key block (which spans lines, so no single line shows it whole).
    /// </summary>
    public static IReadOnlyList<DiffLine> Redact(IReadOnlyList<DiffLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var result = new List<DiffLine>(lines.Count);
        var inKey = false;
        foreach (var line in lines)
        {
            var begins = line.Text.Contains("-----BEGIN", StringComparison.Ordinal) && line.Text.Contains("PRIVATE KEY-----", StringComparison.Ordinal);
            inKey |= begins;
            result.Add(inKey ? line with { Text = line.Text[..Math.Min(1, line.Text.Length)] + Placeholder } : line with { Text = Redact(line.Text) });
            inKey &= !line.Text.Contains("-----END", StringComparison.Ordinal);
        }

        return result;
    }

    private static bool IsKeyMaterial(string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return false;
        }

        // The base64 of a PEM file (as in a Secret's data), or a DER-encoded key.
        return Encoding.ASCII.GetString(bytes).Contains("PRIVATE KEY", StringComparison.Ordinal) || IsDerPrivateKey(bytes);
    }

    private static bool IsDerPrivateKey(byte[] der)
    {
        if (der.Length < 32 || der[0] != 0x30)
        {
            return false;
        }

        var imports = new Func<bool>[]
        {
            () => { using var rsa = RSA.Create(); rsa.ImportPkcs8PrivateKey(der, out _); return true; },
            () => { using var rsa = RSA.Create(); rsa.ImportRSAPrivateKey(der, out _); return true; },
            () => { using var ec = ECDsa.Create(); ec.ImportPkcs8PrivateKey(der, out _); return true; },
            () => { using var ec = ECDsa.Create(); ec.ImportECPrivateKey(der, out _); return true; },
        };
        foreach (var import in imports)
        {
            try
            {
                return import();
            }
            catch (CryptographicException)
            {
                // Not this format.
            }
        }

        // An encrypted PKCS#8 key cannot be imported without its password; its algorithm OIDs give it away.
        return Convert.ToHexString(der).Contains("2A864886F70D01050D", StringComparison.Ordinal);
    }

    // A PEM private key block of any kind (RSA, EC, ENCRYPTED, PKCS#8), up to its END line or the end of the text.
    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|\z)")]
    private static partial Regex PemPrivateKey();

    // Long enough to hold a key: the shortest EC key in DER is 121 bytes.
    [GeneratedRegex(@"[A-Za-z0-9+/]{100,}={0,2}")]
    private static partial Regex Base64Run();
}
