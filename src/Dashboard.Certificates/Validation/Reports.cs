using System.Collections.ObjectModel;
using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Parsing;

namespace Dashboard.Certificates.Validation;

// The reports are verdicts that assemblers act on, so only CredentialValidator makes them: sealed classes with
// internal constructors and get-only properties over read-only lists (records would let any caller relabel a
// verdict with a 'with' expression, and a List behind IReadOnlyList could be cast back and emptied).

/// <summary>The verdict on a credential (certificate chain + private key) for a purpose. Made only by <see cref="CredentialValidator"/>.</summary>
public sealed class CredentialReport
{
    internal CredentialReport(
        CredentialPurpose purpose,
        IEnumerable<CertificateProblem> problems,
        IEnumerable<CertificateSummary> certificates,
        IEnumerable<CertificateSummary> path,
        PemPrivateKey? key,
        ValidatedCredential? credential)
    {
        Purpose = purpose;
        Problems = ReportLists.Freeze(problems);
        Certificates = ReportLists.Freeze(certificates);
        Path = ReportLists.Freeze(path);
        Key = key;
        Credential = credential;
    }

    /// <summary>What the credential was validated for.</summary>
    public CredentialPurpose Purpose { get; }

    /// <summary>Everything found; errors block writes.</summary>
    public IReadOnlyList<CertificateProblem> Problems { get; }

    /// <summary>The certificates as given, in input order (duplicates included).</summary>
    public IReadOnlyList<CertificateSummary> Certificates { get; }

    /// <summary>The verified path: leaf, intermediates, trusted root (as far as it could be built when invalid).</summary>
    public IReadOnlyList<CertificateSummary> Path { get; }

    /// <summary>The private key, when one could be read. Its ToString never reveals key material.</summary>
    public PemPrivateKey? Key { get; }

    /// <summary>The validated credential, present exactly when <see cref="IsValid"/>.</summary>
    public ValidatedCredential? Credential { get; }

    /// <summary>True when no problem is an error.</summary>
    public bool IsValid => !Problems.HasErrors();

    /// <summary>Purpose, verdict and problem codes; never key material.</summary>
    public override string ToString() => $"Credential for {Purpose}: {ReportLists.Verdict(Problems)}";
}

/// <summary>The verdict on a certificate chain without a key: a chain checked against a trust store or a CA bundle. Made only by <see cref="CredentialValidator"/>.</summary>
public sealed class ChainReport
{
    internal ChainReport(
        CredentialPurpose purpose,
        IEnumerable<CertificateProblem> problems,
        IEnumerable<CertificateSummary> certificates,
        IEnumerable<CertificateSummary> path,
        CertificateSummary? anchor)
    {
        Purpose = purpose;
        Problems = ReportLists.Freeze(problems);
        Certificates = ReportLists.Freeze(certificates);
        Path = ReportLists.Freeze(path);
        Anchor = anchor;
    }

    /// <summary>What the chain was checked for.</summary>
    public CredentialPurpose Purpose { get; }

    /// <summary>Everything found; errors mean the chain would be refused.</summary>
    public IReadOnlyList<CertificateProblem> Problems { get; }

    /// <summary>The certificates as given, in input order.</summary>
    public IReadOnlyList<CertificateSummary> Certificates { get; }

    /// <summary>The verified path, leaf first, trust anchor last.</summary>
    public IReadOnlyList<CertificateSummary> Path { get; }

    /// <summary>The trust anchor the chain ends at, when trusted.</summary>
    public CertificateSummary? Anchor { get; }

    /// <summary>True when no problem is an error: the chain verifies for the purpose.</summary>
    public bool IsValid => !Problems.HasErrors();

    /// <summary>Purpose, verdict and problem codes.</summary>
    public override string ToString() => $"Chain for {Purpose}: {ReportLists.Verdict(Problems)}";
}

/// <summary>The verdict on a CA bundle (the trust anchors a TLS peer verifies the other side with). Made only by <see cref="CredentialValidator"/>.</summary>
public sealed class CaBundleReport
{
    internal CaBundleReport(IEnumerable<CertificateProblem> problems, IEnumerable<CertificateData> data, DateTimeOffset validatedAt)
    {
        Problems = ReportLists.Freeze(problems);
        Data = ReportLists.Freeze(data);
        Certificates = ReportLists.Freeze(Data.Select(CertificateSummary.From));
        ValidatedAt = validatedAt;
    }

    /// <summary>Everything found; errors block writes.</summary>
    public IReadOnlyList<CertificateProblem> Problems { get; }

    /// <summary>The certificates, de-duplicated, in input order.</summary>
    public IReadOnlyList<CertificateSummary> Certificates { get; }

    /// <summary>True when no problem is an error.</summary>
    public bool IsValid => !Problems.HasErrors();

    /// <summary>The bundle as canonical PEM (de-duplicated, LF line endings), ready for a secret.</summary>
    public string Pem => string.Concat(Data.Select(d => d.ToPem()));

    /// <summary>The certificates themselves; <see cref="Certificates"/> is derived from them, so the two cannot disagree.</summary>
    internal IReadOnlyList<CertificateData> Data { get; }

    /// <summary>The instant the bundle was judged at: assemblers re-check the data against it.</summary>
    internal DateTimeOffset ValidatedAt { get; }

    /// <summary>Verdict, size and problem codes.</summary>
    public override string ToString() => $"CA bundle of {Certificates.Count} certificate(s): {ReportLists.Verdict(Problems)}";
}

/// <summary>Helpers shared by the reports.</summary>
internal static class ReportLists
{
    /// <summary>A copy no caller can cast back to a mutable list.</summary>
    public static ReadOnlyCollection<T> Freeze<T>(IEnumerable<T> items) => Array.AsReadOnly(items.ToArray());

    public static string Verdict(IReadOnlyList<CertificateProblem> problems) =>
        (problems.HasErrors() ? "invalid" : "valid") + (problems.Count == 0 ? "" : $" ({string.Join(", ", problems.Select(p => p.Code))})");
}
