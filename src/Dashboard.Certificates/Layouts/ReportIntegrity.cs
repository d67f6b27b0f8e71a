using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Trust;
using Dashboard.Certificates.Validation;

namespace Dashboard.Certificates.Layouts;

/// <summary>
/// Re-derives, from the certificates a report carries, what its verdict claims, before anything is assembled from it.
/// Only the validator makes reports, so for them this always agrees; it is the last line against a report whose
/// content and verdict disagree (a bug in the library, or a report altered through reflection), because a secret
/// written from one would break the TLS hop it is meant to secure.
/// </summary>
internal static class ReportIntegrity
{
    /// <summary>Why a credential report that says "valid" cannot be trusted, or null when its content bears the verdict out.</summary>
    public static string? CredentialDiscrepancy(CredentialReport report, ValidatedCredential credential)
    {
        if (!SamePurpose(report.Purpose, credential.Purpose))
        {
            return $"the report says it was validated for {report.Purpose}, but its credential was validated for {credential.Purpose}";
        }

        var path = credential.PathData;
        var leaf = path[0];
        if (!leaf.PublicKey.SameKeyAs(credential.Key.PublicKey))
        {
            return $"its private key does not belong to its leaf {leaf}";
        }

        if (path.FirstOrDefault(c => !c.IsValidAt(credential.ValidatedAt)) is { } outside)
        {
            return $"{outside} on its path was not valid at {credential.ValidatedAt:yyyy-MM-dd HH:mm:ss} UTC, when it was judged";
        }

        var eku = credential.Purpose.Use == CertificateUse.ServerAuth ? Oids.ServerAuth : Oids.ClientAuth;
        return leaf.ExtendedKeyUsages is { } ekus && !ekus.Contains(eku)
            ? $"its leaf {leaf} does not allow {credential.Purpose.EkuName}"
            : null;
    }

    /// <summary>Why a CA bundle report that says "valid" cannot be trusted, or null when its content bears the verdict out.</summary>
    public static string? CaBundleDiscrepancy(CaBundleReport report)
    {
        if (report.Data.Count == 0)
        {
            return "the report has no error but holds no certificate";
        }

        foreach (var cert in report.Data)
        {
            if (cert.IsCa != true && !(cert.Version == 1 && cert.IsSelfSigned))
            {
                return $"{cert} is not a CA certificate";
            }

            if (KnownRoots.IsDstRootCaX3(cert))
            {
                return $"{cert} is DST Root CA X3, which anchors nothing any more";
            }

            if (!cert.IsValidAt(report.ValidatedAt))
            {
                return $"{cert} was not valid at {report.ValidatedAt:yyyy-MM-dd HH:mm:ss} UTC, when the bundle was judged";
            }
        }

        return null;
    }

    private static bool SamePurpose(CredentialPurpose a, CredentialPurpose b) =>
        ReferenceEquals(a, b) || (a.Use == b.Use && a.HostNames.SequenceEqual(b.HostNames, StringComparer.OrdinalIgnoreCase));
}
