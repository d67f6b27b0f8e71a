using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Parsing;

namespace Dashboard.Certificates.Validation;

/// <summary>
/// A credential that passed validation, in the shape assemblers need: the path ordered leaf → intermediates → root,
/// the root taken from the trust store (never downloaded), and the key. Made only by <see cref="CredentialValidator"/>.
/// </summary>
public sealed class ValidatedCredential
{
    internal ValidatedCredential(CredentialPurpose purpose, IReadOnlyList<CertificateData> path, PemPrivateKey key, DateTimeOffset validatedAt)
    {
        Purpose = purpose;
        PathData = ReportLists.Freeze(path);
        Key = key;
        ValidatedAt = validatedAt;
        Leaf = CertificateSummary.From(path[0]);
        Intermediates = ReportLists.Freeze(path.Skip(1).Take(path.Count - 2).Select(CertificateSummary.From));
        Anchor = CertificateSummary.From(path[^1]);
    }

    /// <summary>The purpose it was validated for.</summary>
    public CredentialPurpose Purpose { get; }

    /// <summary>The leaf certificate (the one the key belongs to).</summary>
    public CertificateSummary Leaf { get; }

    /// <summary>The intermediates between leaf and root, in issuing order.</summary>
    public IReadOnlyList<CertificateSummary> Intermediates { get; }

    /// <summary>The trust anchor: the issuing root from the trust store (or the leaf itself when it is a trusted self-signed certificate).</summary>
    public CertificateSummary Anchor { get; }

    /// <summary>The private key. Its ToString never reveals key material.</summary>
    public PemPrivateKey Key { get; }

    /// <summary>The earliest expiry on the path: when the credential stops working.</summary>
    public DateTimeOffset NotAfter => PathData.Min(c => c.NotAfter);

    /// <summary>Leaf followed by the intermediates, as PEM: what a TLS server sends (<c>tls.crt</c>, "fullchain").</summary>
    public string ChainPem => string.Concat(ChainData.Select(c => c.ToPem()));

    /// <summary>Leaf, intermediates and the root, as PEM: the seed's <c>trusted.crt</c>, with the root computed from the chain.</summary>
    public string ChainWithRootPem => string.Concat(PathData.DistinctBy(c => c.Fingerprint).Select(c => c.ToPem()));

    /// <summary>The issuing root alone, as PEM: the CA bundle that lets a peer verify this credential.</summary>
    public string AnchorPem => PathData[^1].ToPem();

    internal IReadOnlyList<CertificateData> PathData { get; }

    /// <summary>The instant the credential was judged at: assemblers re-check the path against it.</summary>
    internal DateTimeOffset ValidatedAt { get; }

    internal IReadOnlyList<CertificateData> ChainData => PathData.Count == 1 ? PathData : [.. PathData.Take(PathData.Count - 1)];

    internal CertificateData AnchorData => PathData[^1];

    /// <summary>Purpose, leaf and expiry; never key material.</summary>
    public override string ToString() => $"Validated credential for {Purpose}: leaf '{Leaf.Subject}', anchor '{Anchor.Subject}', usable until {NotAfter:yyyy-MM-dd HH:mm:ss} UTC";
}
