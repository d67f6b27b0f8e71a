using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Core.Probes;

/// <summary>
/// A parsed trusted CA bundle: self-issued certificates are roots of the custom trust store, the others extra
/// certificates that may also end a chain (the probe's partial-chain rule, as curl's <c>--cacert</c>).
/// </summary>
/// <remarks>
/// Parsed bundles are kept by content: the probes of a target repeat the same bundle, and parsing the PEM costs more
/// CPU than the chain build that uses it. The certificates are shared read-only by concurrent probes, so they are never
/// disposed; when the small cache is full it starts over and the dropped ones are left to the finalizer.
/// </remarks>
internal sealed class ProbeTrustBundle
{
    private const int Capacity = 64;
    private static readonly ConcurrentDictionary<string, ProbeTrustBundle> s_parsed = new(StringComparer.Ordinal);

    private ProbeTrustBundle(X509Certificate2Collection certificates)
    {
        Certificates = certificates;
        Roots = [.. certificates.Where(IsSelfIssued)];
        Others = [.. certificates.Where(certificate => !IsSelfIssued(certificate))];
    }

    /// <summary>Every certificate of the bundle, in order.</summary>
    public X509Certificate2Collection Certificates { get; }

    /// <summary>The self-issued certificates: the custom trust store.</summary>
    public IReadOnlyList<X509Certificate2> Roots { get; }

    /// <summary>The certificates that are not self-issued (intermediates the caller chose to trust).</summary>
    public IReadOnlyList<X509Certificate2> Others { get; }

    /// <summary>The parsed bundle for <paramref name="pem"/>, or null with a message naming the problem.</summary>
    public static ProbeTrustBundle? Get(string pem, out string? error)
    {
        if (s_parsed.TryGetValue(pem, out var cached))
        {
            error = null;
            return cached;
        }

        var certificates = ProbePem.ReadCertificates(pem, "trusted CA bundle", out error);
        if (certificates is null)
        {
            return null;
        }

        if (s_parsed.Count >= Capacity)
        {
            s_parsed.Clear();
        }

        return s_parsed.GetOrAdd(pem, new ProbeTrustBundle(certificates));
    }

    /// <summary>True when <paramref name="certificate"/> is this very instance of one of the bundle's certificates.</summary>
    public bool Holds(X509Certificate2 certificate) => Certificates.Any(own => ReferenceEquals(own, certificate));

    /// <summary>True when the DER of <paramref name="certificate"/> equals one of the bundle's certificates.</summary>
    public bool ContainsCopyOf(X509Certificate2 certificate) =>
        Certificates.Any(own => own.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span));

    private static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
