using System.Text.RegularExpressions;
using Dashboard.Certificates.Validation;
using static Dashboard.Certificates.ProblemCatalog;

namespace Dashboard.Certificates.Layouts;

/// <summary>Checks assemblers make before producing anything: inputs valid, for the right purpose, names legal.</summary>
internal static partial class LayoutGuard
{
    public static ValidatedCredential? Credential(CredentialReport report, CertificateUse use, string role, List<CertificateProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(report);
        problems.AddRange(report.Problems.Select(p => p with { Message = $"{role}: {p.Message}" }));
        var credential = report.Credential;
        var usable = true;

        // What counts is the purpose the credential itself was validated for, not the label on the report.
        var validatedFor = credential?.Purpose ?? report.Purpose;
        if (validatedFor.Use != use)
        {
            problems.Add(Create(ProblemCodes.LayoutWrongPurpose, $"{role} was validated for {validatedFor}, but this layout uses it for {(use == CertificateUse.ServerAuth ? "server" : "client")} authentication."));
            usable = false;
        }

        if (!report.IsValid)
        {
            return null; // its errors are already listed
        }

        var discrepancy = credential is null ? "the report has no error but carries no validated credential" : ReportIntegrity.CredentialDiscrepancy(report, credential);
        if (discrepancy is not null)
        {
            problems.Add(Create(ProblemCodes.LayoutUnvalidatedInput, $"{role}: {discrepancy}; nothing is assembled from it."));
            usable = false;
        }

        return usable ? credential : null;
    }

    public static CaBundleReport? CaBundle(CaBundleReport report, string role, List<CertificateProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(report);
        problems.AddRange(report.Problems.Select(p => p with { Message = $"{role}: {p.Message}" }));
        if (!report.IsValid)
        {
            return null; // its errors are already listed
        }

        if (ReportIntegrity.CaBundleDiscrepancy(report) is { } discrepancy)
        {
            problems.Add(Create(ProblemCodes.LayoutUnvalidatedInput, $"{role}: {discrepancy}; nothing is assembled from it."));
            return null;
        }

        return report;
    }

    public static void KeyName(string key, List<CertificateProblem> problems)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 253 || !SecretKeyPattern().IsMatch(key) || key is "." or "..")
        {
            problems.Add(Create(ProblemCodes.LayoutInvalidKeyName, $"'{key}' is not a valid secret key or file name."));
        }
    }

    public static void SecretName(string name, List<CertificateProblem> problems)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 253 || !SecretNamePattern().IsMatch(name))
        {
            problems.Add(Create(ProblemCodes.LayoutInvalidSecretName, $"'{name}' is not a valid secret name."));
        }
    }

    public static LayoutResult<T> Result<T>(Func<T> build, List<CertificateProblem> problems)
        where T : class => problems.HasErrors() ? new(null, problems) : new(build(), problems);

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex SecretKeyPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SecretNamePattern();
}
