using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Trust;
using static Dashboard.Certificates.ProblemCatalog;

namespace Dashboard.Certificates.Validation;

/// <summary>The structure of a bundle: duplicates, which certificate is the leaf, order, leftovers.</summary>
internal static class ChainAnalyzer
{
    /// <summary>Drops repeated certificates (same fingerprint), reporting each copy.</summary>
    public static List<CertificateData> Deduplicate(IReadOnlyList<CertificateData> certificates, List<CertificateProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<CertificateData>();
        for (var i = 0; i < certificates.Count; i++)
        {
            if (seen.Add(certificates[i].Fingerprint))
            {
                result.Add(certificates[i]);
            }
            else
            {
                problems.Add(Create(ProblemCodes.DuplicateCertificate, $"Certificate {i + 1} of the bundle, {certificates[i]}, repeats an earlier one; the copy is dropped."));
            }
        }

        return result;
    }

    /// <summary>The index of the leaf: the certificate the key belongs to, else the only certificate that issues no other.</summary>
    public static int FindLeaf(IReadOnlyList<CertificateData> certificates, PublicKeyIdentity? key, List<CertificateProblem> problems)
    {
        if (key is not null)
        {
            for (var i = 0; i < certificates.Count; i++)
            {
                if (certificates[i].PublicKey.SameKeyAs(key))
                {
                    ReportLeafPosition(certificates, i, problems);
                    return i;
                }
            }

            problems.Add(Create(ProblemCodes.KeyMismatch, $"The private key ({key.Algorithm} {key.KeySize} bits) belongs to none of the {certificates.Count} certificate(s); the first is {certificates[0]}."));
        }

        var endEntities = Enumerable.Range(0, certificates.Count)
            .Where(i => !certificates.Any(other => other != certificates[i] && !other.IsSelfIssued && other.IsNamedIssuer(certificates[i])))
            .ToList();
        var leaf = endEntities.Count == 1 ? endEntities[0] : 0;
        if (key is null)
        {
            ReportLeafPosition(certificates, leaf, problems);
        }

        return leaf;
    }

    /// <summary>Reports path certificates that appear out of issuing order, and bundle certificates off the path.</summary>
    public static void CheckOrderAndLeftovers(IReadOnlyList<CertificateData> bundle, IReadOnlyList<CertificateData> path, List<CertificateProblem> problems)
    {
        var position = bundle.Select((c, i) => (c.Fingerprint, i)).ToDictionary(x => x.Fingerprint, x => x.i, StringComparer.Ordinal);
        var positions = path.Where(c => position.ContainsKey(c.Fingerprint)).Select(c => position[c.Fingerprint]).ToList();
        for (var i = 1; i < positions.Count; i++)
        {
            if (positions[i] < positions[i - 1])
            {
                var expected = string.Join(" → ", path.Where(c => position.ContainsKey(c.Fingerprint)).Select(c => c.Subject));
                problems.Add(Create(ProblemCodes.ChainOutOfOrder, $"The bundle is not in issuing order; expected: {expected}."));
                break;
            }
        }

        var onPath = path.Select(c => c.Fingerprint).ToHashSet(StringComparer.Ordinal);
        foreach (var unused in bundle.Where(c => !onPath.Contains(c.Fingerprint) && !KnownRoots.IsDstRootCaX3(c)))
        {
            problems.Add(Create(ProblemCodes.ChainUnusedCertificate, $"{unused} (certificate {position[unused.Fingerprint] + 1}) is not part of the chain of {path[0]}; it is left out of assembled secrets."));
        }
    }

    private static void ReportLeafPosition(IReadOnlyList<CertificateData> certificates, int index, List<CertificateProblem> problems)
    {
        if (index > 0)
        {
            problems.Add(Create(ProblemCodes.LeafNotFirst, $"The leaf {certificates[index]} is certificate {index + 1} of the bundle; {certificates[0]} comes first, and TLS servers present the first certificate as their own."));
        }
    }
}
