using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Trust;
using static Dashboard.Certificates.ProblemCatalog;

namespace Dashboard.Certificates.Validation;

/// <summary>Per-certificate checks on a path: time, purpose, host names, key strength.</summary>
internal static class CertificateChecks
{
    public static void CheckTime(IReadOnlyList<CertificateData> path, DateTimeOffset now, ValidationOptions options, List<CertificateProblem> problems)
    {
        for (var i = 0; i < path.Count; i++)
        {
            CheckPeriod(path[i], Role(path, i), now, options, problems);
        }

        var leaf = path[0];
        if (!leaf.IsSelfIssued && leaf.NotAfter - leaf.NotBefore > options.MaxLeafValidity)
        {
            problems.Add(Create(ProblemCodes.ValidityTooLong, $"The leaf {leaf} is valid for {(leaf.NotAfter - leaf.NotBefore).TotalDays:F0} days ({leaf.NotBefore:yyyy-MM-dd} to {leaf.NotAfter:yyyy-MM-dd}); clients may refuse more than {options.MaxLeafValidity.TotalDays:F0}."));
        }
    }

    /// <summary>Expired, not yet valid or expiring within the warning window, in a sentence that starts with <paramref name="role"/>.</summary>
    public static void CheckPeriod(CertificateData cert, string role, DateTimeOffset now, ValidationOptions options, List<CertificateProblem> problems)
    {
        if (KnownRoots.IsDstRootCaX3(cert))
        {
            return; // reported by CheckDst, whatever the clock says
        }

        if (now < cert.NotBefore)
        {
            problems.Add(Create(ProblemCodes.NotYetValid, $"{role} {cert} is not valid until {cert.NotBefore:yyyy-MM-dd HH:mm:ss} UTC."));
        }
        else if (now > cert.NotAfter)
        {
            problems.Add(Create(ProblemCodes.Expired, $"{role} {cert} expired on {cert.NotAfter:yyyy-MM-dd HH:mm:ss} UTC."));
        }
        else if (cert.NotAfter - now <= options.ExpiryWarningWindow)
        {
            problems.Add(Create(ProblemCodes.ExpiringSoon, $"{role} {cert} expires on {cert.NotAfter:yyyy-MM-dd HH:mm:ss} UTC, in {(cert.NotAfter - now).TotalDays:F0} day(s)."));
        }
    }

    /// <summary>DST Root CA X3 is always reported: an error when a chain relies on it, a warning when it merely sits in a bundle.</summary>
    public static void CheckDst(IEnumerable<CertificateData> present, IReadOnlyList<CertificateData> reliedOn, List<CertificateProblem> problems)
    {
        var dst = present.Concat(reliedOn).FirstOrDefault(KnownRoots.IsDstRootCaX3);
        if (dst is null)
        {
            return;
        }

        var relied = reliedOn.Any(KnownRoots.IsDstRootCaX3);
        var message = relied
            ? $"The chain relies on DST Root CA X3, which expired on {dst.NotAfter:yyyy-MM-dd}; it anchors nothing any more."
            : $"The bundle carries DST Root CA X3, which expired on {dst.NotAfter:yyyy-MM-dd}; it is not needed and is left out of assembled secrets.";
        problems.Add(Create(ProblemCodes.DstRootX3, message, severity: relied ? ProblemSeverity.Error : ProblemSeverity.Warning));
    }

    public static void CheckStrength(IReadOnlyList<CertificateData> path, TrustStore store, List<CertificateProblem> problems)
    {
        for (var i = 0; i < path.Count; i++)
        {
            var cert = path[i];
            if (store.Contains(cert) && cert.IsSelfIssued)
            {
                continue; // a trusted root's own key and self-signature are the trust store's business
            }

            if (cert.PublicKey.Algorithm == KeyAlgorithm.Rsa && cert.PublicKey.KeySize < 2048)
            {
                problems.Add(Create(ProblemCodes.KeyWeak, $"{Role(path, i)} {cert} has a {cert.PublicKey.KeySize}-bit RSA key; at least 2048 bits are required."));
            }

            if (SignatureVerifier.IsWeak(cert.SignatureAlgorithmOid))
            {
                problems.Add(Create(ProblemCodes.WeakSignature, $"{Role(path, i)} {cert} is signed with {Oids.FriendlyName(cert.SignatureAlgorithmOid)}."));
            }
        }
    }

    public static void CheckPurpose(IReadOnlyList<CertificateData> path, CredentialPurpose purpose, List<CertificateProblem> problems)
    {
        var eku = purpose.Use == CertificateUse.ServerAuth ? Oids.ServerAuth : Oids.ClientAuth;
        var code = purpose.Use == CertificateUse.ServerAuth ? ProblemCodes.ServerAuthMissing : ProblemCodes.ClientAuthMissing;
        for (var i = 0; i < path.Count; i++)
        {
            if (path[i].ExtendedKeyUsages is { } ekus && !ekus.Contains(eku))
            {
                var allowed = ekus.Count == 0 ? "nothing" : string.Join(", ", ekus.Select(Oids.FriendlyName));
                var message = i == 0
                    ? $"The leaf {path[i]} allows only {allowed}, but is used for {purpose.EkuName}."
                    : $"{Role(path, i)} {path[i]} restricts the certificates it issues to {allowed}, which excludes {purpose.EkuName}.";
                problems.Add(Create(code, message));
            }
        }

        var leaf = path[0];
        var needed = purpose.Use == CertificateUse.ServerAuth
            ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement
            : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement;
        if (leaf.KeyUsage is { } usage && (usage & needed) == 0)
        {
            problems.Add(Create(ProblemCodes.KeyUsageIncompatible, $"The leaf {leaf} has key usage {usage}, which does not permit {purpose.EkuName}."));
        }

        if (purpose.Use != CertificateUse.ServerAuth)
        {
            return;
        }

        if (!leaf.HasSubjectAltName)
        {
            problems.Add(Create(ProblemCodes.NoSubjectAltName, $"The leaf {leaf} has no subject alternative names; clients do not accept a host name from the common name."));
            return;
        }

        foreach (var host in purpose.HostNames.Where(h => !HostNameMatcher.Covers(leaf.DnsNames, leaf.IpAddresses, h)))
        {
            var names = string.Join(", ", leaf.DnsNames.Concat(leaf.IpAddresses.Select(a => a.ToString())));
            problems.Add(Create(ProblemCodes.HostNotCovered, $"The leaf {leaf} covers {names} but not '{host}'."));
        }
    }

    private static string Role(IReadOnlyList<CertificateData> path, int index) =>
        index == 0 ? "The leaf" : index == path.Count - 1 && path[index].IsSelfIssued ? "The root" : "The intermediate";
}
