using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Parsing;

namespace Dashboard.Certificates.Freshness;

/// <summary>How a derived secret relates to its source.</summary>
public enum FreshnessState
{
    /// <summary>Same leaf certificate and same key: nothing to do.</summary>
    Fresh,

    /// <summary>The derived copy differs from the source (usually: the source was renewed): re-sync it.</summary>
    Stale,

    /// <summary>The source cannot be read, so freshness cannot be judged.</summary>
    SourceUnreadable,

    /// <summary>The derived copy cannot be read (or is missing): re-create it.</summary>
    DerivedUnreadable,
}

/// <summary>The comparison of a derived secret with its source.</summary>
/// <param name="State">The verdict.</param>
/// <param name="Description">One sentence for the operator, e.g. "serial 03A1… (expires 2026-03-01) → 04B2… (expires 2026-05-30)".</param>
/// <param name="Source">The source leaf, when readable.</param>
/// <param name="Derived">The derived leaf, when readable.</param>
/// <param name="KeyMatches">Whether both hold the same private key (null when a key was not compared).</param>
public sealed record FreshnessReport(FreshnessState State, string Description, CertificateSummary? Source, CertificateSummary? Derived, bool? KeyMatches)
{
    /// <summary>True when the derived copy needs re-syncing or re-creating.</summary>
    public bool NeedsResync => State is FreshnessState.Stale or FreshnessState.DerivedUnreadable;
}

/// <summary>
/// Decides whether a derived secret still matches its source: same leaf (SHA-256 fingerprint) and same private
/// key. Derived chains may legitimately differ after the leaf (an appended root, re-ordered intermediates), so
/// only the leaf and key are compared. Monitoring runs this on every source change and on a schedule.
/// </summary>
public static class FreshnessComparer
{
    /// <summary>Compares a derived credential (certificate + key PEM) with its source credential.</summary>
    public static FreshnessReport Compare(string? sourceCertificatePem, string? sourceKeyPem, string? derivedCertificatePem, string? derivedKeyPem)
    {
        var source = Leaf(sourceCertificatePem, sourceKeyPem);
        if (source is null)
        {
            return new(FreshnessState.SourceUnreadable, "The source certificate cannot be read, so freshness cannot be judged.", null, null, null);
        }

        var derived = Leaf(derivedCertificatePem, derivedKeyPem);
        var sourceSummary = CertificateSummary.From(source.Value.Leaf);
        if (derived is null)
        {
            return new(FreshnessState.DerivedUnreadable, $"The derived copy is missing or unreadable; the source holds serial {sourceSummary.SerialNumber} (expires {sourceSummary.NotAfter:yyyy-MM-dd}).", sourceSummary, null, null);
        }

        var derivedSummary = CertificateSummary.From(derived.Value.Leaf);
        bool? keyMatches = source.Value.Key is { } sk && derived.Value.Key is { } dk ? sk.PublicKey.SameKeyAs(dk.PublicKey) : null;
        var sameLeaf = source.Value.Leaf.Fingerprint == derived.Value.Leaf.Fingerprint;
        if (sameLeaf && keyMatches != false)
        {
            return new(FreshnessState.Fresh, $"Up to date: serial {sourceSummary.SerialNumber}, expires {sourceSummary.NotAfter:yyyy-MM-dd}.", sourceSummary, derivedSummary, keyMatches);
        }

        var what = sameLeaf
            ? "same certificate but a different private key"
            : $"serial {derivedSummary.SerialNumber} (expires {derivedSummary.NotAfter:yyyy-MM-dd}) → {sourceSummary.SerialNumber} (expires {sourceSummary.NotAfter:yyyy-MM-dd})";
        return new(FreshnessState.Stale, $"Stale: {what}; re-sync the derived secret.", sourceSummary, derivedSummary, keyMatches);
    }

    /// <summary>Compares a derived CA bundle with the one expected now (same set of certificates, order ignored).</summary>
    public static FreshnessReport CompareCaBundles(string? expectedPem, string? derivedPem)
    {
        var expected = PemBundle.Parse(expectedPem).Entries;
        if (expected.Count == 0)
        {
            return new(FreshnessState.SourceUnreadable, "The expected CA bundle cannot be read.", null, null, null);
        }

        var derived = PemBundle.Parse(derivedPem).Entries;
        if (derived.Count == 0)
        {
            return new(FreshnessState.DerivedUnreadable, "The derived CA bundle is missing or unreadable.", expected[0].Summary, null, null);
        }

        var want = expected.Select(e => e.Summary.Sha256Fingerprint).ToHashSet(StringComparer.Ordinal);
        var have = derived.Select(e => e.Summary.Sha256Fingerprint).ToHashSet(StringComparer.Ordinal);
        if (want.SetEquals(have))
        {
            return new(FreshnessState.Fresh, $"Up to date: {want.Count} CA certificate(s).", expected[0].Summary, derived[0].Summary, null);
        }

        var missing = expected.Where(e => !have.Contains(e.Summary.Sha256Fingerprint)).Select(e => e.Summary.Subject);
        var extra = derived.Where(e => !want.Contains(e.Summary.Sha256Fingerprint)).Select(e => e.Summary.Subject);
        return new(FreshnessState.Stale, $"Stale CA bundle: missing [{string.Join("; ", missing)}], unexpected [{string.Join("; ", extra)}].", expected[0].Summary, derived[0].Summary, null);
    }

    private static (CertificateData Leaf, PemPrivateKey? Key)? Leaf(string? certificatePem, string? keyPem)
    {
        var certs = PemBundle.Parse(certificatePem);
        if (certs.Entries.Count == 0)
        {
            return null;
        }

        var keys = keyPem is null ? null : PemBundle.Parse(keyPem);
        if (keys is not null && keys.PrivateKeys.Count != 1)
        {
            return null;
        }

        var key = keys?.PrivateKeys[0];

        // The leaf is the certificate the key belongs to, else the first one.
        var leaf = key is null ? certs.Entries[0].Data : certs.Entries.Select(e => e.Data).FirstOrDefault(d => d.PublicKey.SameKeyAs(key.PublicKey)) ?? certs.Entries[0].Data;
        return (leaf, key);
    }
}
