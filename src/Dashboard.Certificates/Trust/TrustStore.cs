using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Parsing;

namespace Dashboard.Certificates.Trust;

/// <summary>
/// The roots a chain may end at. Validation never consults the machine's certificate store: <see cref="Default"/>
/// is the root set shipped with the product (ISRG Root X1 and X2, the roots of today's Let's Encrypt chains), and
/// other stores are built from explicit certificates (the sandbox's own root, or a CA bundle under test).
/// Immutable and thread-safe; it also caches verified issuer paths, so keep and reuse instances.
/// </summary>
public sealed class TrustStore
{
    private static readonly Lazy<TrustStore> s_default = new(() => new TrustStore([.. KnownRoots.IsrgRootX1And2()], "ISRG Root X1 and X2"));

    private readonly Dictionary<string, CertificateData> _byFingerprint;
    private readonly Lazy<string> _pem;

    private TrustStore(IReadOnlyList<CertificateData> roots, string description)
    {
        RootData = roots;
        Description = description;
        _byFingerprint = roots.GroupBy(r => r.Fingerprint).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Collection = [.. roots.Select(r => r.Certificate)];
        Roots = [.. roots.Select(CertificateSummary.From)];
        _pem = new(() => string.Concat(roots.Select(r => r.ToPem())));
    }

    /// <summary>ISRG Root X1 and ISRG Root X2, loaded from the PEM files embedded in this assembly.</summary>
    public static TrustStore Default => s_default.Value;

    /// <summary>DST Root CA X3, which expired on 2021-09-30: known so that it can always be reported as expired, never trusted.</summary>
    public static CertificateSummary DstRootCaX3 => KnownRoots.DstRootCaX3Summary;

    /// <summary>The trusted roots.</summary>
    public IReadOnlyList<CertificateSummary> Roots { get; }

    /// <summary>A short description for messages, e.g. "ISRG Root X1 and X2".</summary>
    public string Description { get; }

    internal IReadOnlyList<CertificateData> RootData { get; }

    internal X509Certificate2Collection Collection { get; }

    internal IssuerPathCache PathCache { get; } = new();

    /// <summary>A store trusting exactly <paramref name="roots"/> (for example the certificates of a CA bundle).</summary>
    public static TrustStore From(IEnumerable<X509Certificate2> roots, string description = "the given roots")
    {
        ArgumentNullException.ThrowIfNull(roots);
        return new TrustStore([.. roots.Select(r => X509Reader.Read(r.RawData))], description);
    }

    /// <summary>A store trusting the certificates of a PEM bundle. Throws <see cref="ArgumentException"/> naming the problem when the PEM holds no readable certificate.</summary>
    public static TrustStore FromPem(string pem, string description = "the given roots")
    {
        var bundle = PemBundle.Parse(pem);
        if (bundle.Entries.Count == 0)
        {
            var reason = bundle.Problems.Count > 0 ? bundle.Problems[0].Message : "no certificate found.";
            throw new ArgumentException("The trust store PEM holds no readable certificate: " + reason, nameof(pem));
        }

        return new TrustStore([.. bundle.CertificateData], description);
    }

    internal static TrustStore FromData(IReadOnlyList<CertificateData> roots, string description) => new(roots, description);

    /// <summary>This store plus <paramref name="extraRoots"/> (for example the sandbox's "Sandbox ISRG Root X1").</summary>
    public TrustStore With(IEnumerable<X509Certificate2> extraRoots)
    {
        ArgumentNullException.ThrowIfNull(extraRoots);
        return new TrustStore([.. RootData, .. extraRoots.Select(r => X509Reader.Read(r.RawData))], Description + " and extra roots");
    }

    /// <summary>This store plus the certificates of a PEM bundle. Throws <see cref="ArgumentException"/> when it holds none.</summary>
    public TrustStore WithPem(string pem) => new([.. RootData, .. FromPem(pem).RootData], Description + " and extra roots");

    /// <summary>The roots as one PEM bundle, e.g. the trusted CA bundle of a probe that must trust exactly this store.</summary>
    public string ToPem() => _pem.Value;

    /// <summary>True when <paramref name="certificate"/> is one of the roots (same SHA-256 fingerprint).</summary>
    public bool Contains(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return _byFingerprint.ContainsKey(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(certificate.RawData)));
    }

    internal bool Contains(CertificateData certificate) => _byFingerprint.ContainsKey(certificate.Fingerprint);

    internal IEnumerable<CertificateData> IssuersOf(CertificateData certificate) => RootData.Where(certificate.IsNamedIssuer);
}
