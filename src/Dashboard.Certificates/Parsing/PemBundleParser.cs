using System.Formats.Asn1;
using System.Security.Cryptography;
using Dashboard.Certificates.Inspection;
using static Dashboard.Certificates.ProblemCatalog;

namespace Dashboard.Certificates.Parsing;

/// <summary>The parsing behind <see cref="PemBundle.Parse(string?)"/>: locate blocks with <see cref="PemEncoding"/>, then report what is left over.</summary>
internal static class PemBundleParser
{
    private const string BeginMarker = "-----BEGIN ";

    private static readonly HashSet<string> s_certificateLabels = new(StringComparer.Ordinal) { "CERTIFICATE", "X509 CERTIFICATE" };

    public static PemBundle TooLarge(long size) =>
        new([], [], [Create(ProblemCodes.InputTooLarge, $"The input is {size:N0} bytes; at most {PemBundle.MaxInputBytes:N0} bytes (1 MiB, the Kubernetes secret limit) are accepted.")]);

    public static PemBundle Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new([], [], [Create(ProblemCodes.InputEmpty, "The input is empty.")]);
        }

        if (text.Length > PemBundle.MaxInputBytes)
        {
            return TooLarge(text.Length);
        }

        var certificates = new List<PemCertificate>();
        var keys = new List<PemPrivateKey>();
        var problems = new List<CertificateProblem>();
        var covered = new List<Range>();
        var offset = 0;
        var block = 0;
        while (offset < text.Length && PemEncoding.TryFind(text.AsSpan(offset), out var fields))
        {
            var location = fields.Location;
            covered.Add(new Range(offset + location.Start.Value, offset + location.End.Value));
            block++;
            if (block > PemBundle.MaxBlocks)
            {
                problems.Add(Create(ProblemCodes.TooManyCertificates, $"The input holds more than {PemBundle.MaxBlocks} PEM blocks; only the first {PemBundle.MaxBlocks} were read."));
                break;
            }

            var label = text.AsSpan(offset)[fields.Label].ToString();
            var der = new byte[fields.DecodedDataLength];
            Convert.TryFromBase64Chars(text.AsSpan(offset)[fields.Base64Data], der, out _);
            offset += location.End.Value;
            ReadBlock(label, der, block, certificates, keys, problems);
        }

        ReportUncoveredBlocks(text, covered, problems);
        if (block == 0 && problems.Count == 0)
        {
            problems.Add(DescribeNonPem(text));
        }

        return new PemBundle(certificates, keys, problems);
    }

    public static bool LooksLikeDer(ReadOnlySpan<byte> data, out CertificateProblem? problem)
    {
        problem = null;
        if (data[0] != 0x30)
        {
            return false;
        }

        try
        {
            var reader = new AsnReader(data.ToArray(), AsnEncodingRules.BER);
            reader.ReadEncodedValue();
            if (reader.HasData)
            {
                return false;
            }
        }
        catch (AsnContentException)
        {
            return false;
        }

        var what = X509Reader.TryRead(data.ToArray(), out _) is { } cert ? $"a DER-encoded certificate ({cert})" : "DER-encoded binary data (perhaps a key)";
        problem = Create(ProblemCodes.InputDer, $"The input is {what}, not PEM text.");
        return true;
    }

    private static void ReadBlock(string label, byte[] der, int block, List<PemCertificate> certificates, List<PemPrivateKey> keys, List<CertificateProblem> problems)
    {
        if (s_certificateLabels.Contains(label))
        {
            if (X509Reader.TryRead(der, out var error) is { } data)
            {
                certificates.Add(new PemCertificate(data, block));
            }
            else
            {
                problems.Add(Create(ProblemCodes.CertificateUnreadable, $"PEM block {block} is labelled CERTIFICATE but is not a valid X.509 certificate ({error})."));
            }
        }
        else if (PrivateKeyReader.IsKeyLabel(label))
        {
            if (PrivateKeyReader.Read(label, der, block, out var problem) is { } key)
            {
                keys.Add(key);
            }
            else
            {
                problems.Add(problem!);
            }
        }
        else if (label != "EC PARAMETERS")
        {
            // 'openssl ecparam -genkey' writes EC PARAMETERS before the key: harmless, so it is skipped silently.
            problems.Add(Create(ProblemCodes.PemUnsupportedBlock, $"PEM block {block} is a '{label}', which is not used here; it was ignored."));
        }
    }

    private static void ReportUncoveredBlocks(string text, List<Range> covered, List<CertificateProblem> problems)
    {
        var index = 0;
        while ((index = text.IndexOf(BeginMarker, index, StringComparison.Ordinal)) >= 0)
        {
            var at = index;
            index += BeginMarker.Length;
            if (covered.Any(r => at >= r.Start.Value && at < r.End.Value))
            {
                continue;
            }

            var labelEnd = text.IndexOf("-----", index, StringComparison.Ordinal);
            var label = labelEnd > index && labelEnd - index < 64 ? text[index..labelEnd] : "?";
            var rest = text.AsSpan(at, Math.Min(400, text.Length - at));
            if (rest.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
            {
                problems.Add(Create(ProblemCodes.KeyEncrypted, $"The '{label}' block is a legacy passphrase-encrypted PEM key (Proc-Type: 4,ENCRYPTED); encrypted keys are not supported."));
            }
            else
            {
                var hasEnd = text.IndexOf("-----END " + label + "-----", index, StringComparison.Ordinal) >= 0;
                var reason = hasEnd ? "its base64 content is invalid or truncated, or it carries headers" : "it has no matching END line";
                problems.Add(Create(ProblemCodes.PemMalformed, $"The '{label}' PEM block starting at character {at} cannot be read: {reason}."));
            }
        }
    }

    private static CertificateProblem DescribeNonPem(string text)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var buffer = new byte[(compact.Length * 3 / 4) + 3];
        if (compact.Length >= 16 && Convert.TryFromBase64String(compact, buffer, out var written))
        {
            var decoded = buffer.AsSpan(0, written);
            if (decoded.StartsWith("-----BEGIN"u8))
            {
                return Create(ProblemCodes.InputBase64Encoded, "The input is base64-encoded PEM (as stored in a secret's data field), not PEM text.");
            }

            if (decoded.Length > 0 && decoded[0] == 0x30)
            {
                return Create(ProblemCodes.InputNotPem, "The input is base64 without '-----BEGIN'/'-----END' lines.", "Wrap it in '-----BEGIN CERTIFICATE-----' and '-----END CERTIFICATE-----' lines (or the matching key label), or export it as PEM again.");
            }
        }

        return Create(ProblemCodes.InputNotPem, $"The input ({text.Length:N0} characters) holds no PEM block.");
    }
}
