using System.Text;
using Dashboard.Certificates.Inspection;

namespace Dashboard.Certificates.Parsing;

/// <summary>
/// The certificates and private keys found in PEM text, with the problems met on the way. Parsing never throws
/// for bad input: whatever cannot be read becomes a <see cref="CertificateProblem"/>. Accepts one or many blocks,
/// CRLF or LF, extra whitespace, and text before, between and after blocks.
/// </summary>
public sealed class PemBundle
{
    /// <summary>The largest input accepted: what a Kubernetes secret can hold (1 MiB).</summary>
    public const int MaxInputBytes = 1024 * 1024;

    /// <summary>The most PEM blocks read from one input; the rest is reported, not read.</summary>
    public const int MaxBlocks = 1000;

    private readonly Lazy<IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2>> _certificates;

    internal PemBundle(IReadOnlyList<PemCertificate> entries, IReadOnlyList<PemPrivateKey> keys, IReadOnlyList<CertificateProblem> problems)
    {
        Entries = entries;
        PrivateKeys = keys;
        Problems = problems;
        _certificates = new(() => [.. entries.Select(e => e.Certificate)]);
    }

    /// <summary>The certificates, in input order, with their summaries.</summary>
    public IReadOnlyList<PemCertificate> Entries { get; }

    /// <summary>The certificates as platform objects, in input order (created on first access; see <see cref="PemCertificate.Certificate"/>).</summary>
    public IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> Certificates => _certificates.Value;

    /// <summary>The private keys, in input order.</summary>
    public IReadOnlyList<PemPrivateKey> PrivateKeys { get; }

    /// <summary>What could not be read, or was read with reservations.</summary>
    public IReadOnlyList<CertificateProblem> Problems { get; }

    /// <summary>True when a problem is an error.</summary>
    public bool HasErrors => Problems.HasErrors();

    internal IReadOnlyList<CertificateData> CertificateData => [.. Entries.Select(e => e.Data)];

    /// <summary>Parses PEM text (null is treated as empty).</summary>
    public static PemBundle Parse(string? text) => PemBundleParser.Parse(text ?? "");

    /// <summary>Parses the bytes of a secret value or file: PEM text in UTF-8; DER and other binary input are reported.</summary>
    public static PemBundle Parse(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return PemBundleParser.Parse("");
        }

        if (data.Length > MaxInputBytes)
        {
            return PemBundleParser.TooLarge(data.Length);
        }

        if (PemBundleParser.LooksLikeDer(data, out var derProblem))
        {
            return new PemBundle([], [], [derProblem!]);
        }

        // Lenient decoding: invalid UTF-8 becomes U+FFFD, which can only ever sit outside PEM blocks.
        return PemBundleParser.Parse(Encoding.UTF8.GetString(data).TrimStart('\uFEFF'));
    }
}
