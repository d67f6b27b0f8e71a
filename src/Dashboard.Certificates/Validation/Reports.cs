using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Parsing;

namespace Dashboard.Certificates.Validation;

/// <summary>The verdict on a credential (certificate chain + private key) for a purpose.</summary>
/// <param name="Purpose">What the credential was validated for.</param>
/// <param name="Problems">Everything found; errors block writes.</param>
/// <param name="Certificates">The certificates as given, in input order (duplicates included).</param>
/// <param name="Path">The verified path: leaf, intermediates, trusted root (as far as it could be built when invalid).</param>
/// <param name="Key">The private key, when one could be read. Its ToString never reveals key material.</param>
/// <param name="Credential">The validated credential, present exactly when <see cref="IsValid"/>.</param>
public sealed record CredentialReport(
    CredentialPurpose Purpose,
    IReadOnlyList<CertificateProblem> Problems,
    IReadOnlyList<CertificateSummary> Certificates,
    IReadOnlyList<CertificateSummary> Path,
    PemPrivateKey? Key,
    ValidatedCredential? Credential)
{
    /// <summary>True when no problem is an error.</summary>
    public bool IsValid => !Problems.HasErrors();
}

/// <summary>The verdict on a certificate chain without a key: a chain checked against a trust store or a CA bundle.</summary>
/// <param name="Purpose">What the chain was checked for.</param>
/// <param name="Problems">Everything found; errors mean the chain would be refused.</param>
/// <param name="Certificates">The certificates as given, in input order.</param>
/// <param name="Path">The verified path, leaf first, trust anchor last.</param>
/// <param name="Anchor">The trust anchor the chain ends at, when trusted.</param>
public sealed record ChainReport(
    CredentialPurpose Purpose,
    IReadOnlyList<CertificateProblem> Problems,
    IReadOnlyList<CertificateSummary> Certificates,
    IReadOnlyList<CertificateSummary> Path,
    CertificateSummary? Anchor)
{
    /// <summary>True when no problem is an error: the chain verifies for the purpose.</summary>
    public bool IsValid => !Problems.HasErrors();
}

/// <summary>The verdict on a CA bundle (the trust anchors a TLS peer verifies the other side with).</summary>
/// <param name="Problems">Everything found; errors block writes.</param>
/// <param name="Certificates">The certificates, de-duplicated, in input order.</param>
public sealed record CaBundleReport(IReadOnlyList<CertificateProblem> Problems, IReadOnlyList<CertificateSummary> Certificates)
{
    /// <summary>True when no problem is an error.</summary>
    public bool IsValid => !Problems.HasErrors();

    /// <summary>The bundle as canonical PEM (de-duplicated, LF line endings), ready for a secret.</summary>
    public string Pem => string.Concat(Data.Select(d => d.ToPem()));

    internal IReadOnlyList<CertificateData> Data { get; init; } = [];
}

/// <summary>
/// A credential that passed validation, in the shape assemblers need: the path ordered leaf → intermediates → root,
/// the root taken from the trust store (never downloaded), and the key.
/// </summary>
public sealed record ValidatedCredential
{
    internal ValidatedCredential(CredentialPurpose purpose, IReadOnlyList<CertificateData> path, PemPrivateKey key)
    {
        Purpose = purpose;
        PathData = path;
        Key = key;
        Leaf = CertificateSummary.From(path[0]);
        Intermediates = [.. path.Skip(1).Take(path.Count - 2).Select(CertificateSummary.From)];
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

    internal IReadOnlyList<CertificateData> ChainData => PathData.Count == 1 ? PathData : [.. PathData.Take(PathData.Count - 1)];

    internal CertificateData AnchorData => PathData[^1];
}
