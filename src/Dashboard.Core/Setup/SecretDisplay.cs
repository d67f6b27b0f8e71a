using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Layouts;
using Dashboard.Certificates.Parsing;

namespace Dashboard.Core.Setup;

/// <summary>What a secret holds, described without its values: keys, sizes and certificate summaries.</summary>
public static class SecretDisplay
{
    /// <summary>A secret's data as key → description, for plans and diffs.</summary>
    public static JsonObject Describe(SecretLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var display = new JsonObject();
        foreach (var (key, value) in layout.Data.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            display[key] = Describe(value);
        }

        return display;
    }

    /// <summary>A base64 value (as a Secret's <c>data</c> holds it), described.</summary>
    public static string Describe(string? base64)
    {
        if (base64 is null)
        {
            return "(empty)";
        }

        try
        {
            return Describe(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return "(not base64)";
        }
    }

    /// <summary>Raw bytes, described: certificates by subject, expiry and fingerprint; keys by type only.</summary>
    public static string Describe(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bundle = PemBundle.Parse(value);
        if (bundle.PrivateKeys.Count > 0)
        {
            var key = bundle.PrivateKeys[0];
            return string.Create(CultureInfo.InvariantCulture, $"private key ({key.Algorithm} {key.KeySize} bits, {value.Length} bytes; never shown)");
        }

        if (bundle.Entries.Count > 0)
        {
            return string.Join(" | ", bundle.Entries.Select(e => Summary(e.Summary)));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value.Length} bytes");
    }

    /// <summary>One certificate in a line.</summary>
    public static string Summary(CertificateSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return string.Create(CultureInfo.InvariantCulture, $"{summary.Subject} (issuer {summary.Issuer}, until {summary.NotAfter:yyyy-MM-dd}, sha256 {summary.Sha256Fingerprint[..16]}…)");
    }
}
