using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Parsing;

namespace Dashboard.Sandbox.DataPlane.Tls;

/// <summary>
/// A CA bundle as OpenSSL's <c>X509_STORE</c> holds it (Envoy's <c>trusted_ca</c>, nginx's
/// <c>proxy_ssl_trusted_certificate</c>): self-signed certificates are the trust anchors; the others may complete a
/// chain but cannot end one, because neither sets <c>X509_V_FLAG_PARTIAL_CHAIN</c>.
/// </summary>
internal sealed class TrustBundle
{
    private TrustBundle(IReadOnlyList<X509Certificate2> anchors, IReadOnlyList<X509Certificate2> others, string source, string fingerprint)
    {
        Anchors = anchors;
        Others = others;
        Source = source;
        Fingerprint = fingerprint;
    }

    /// <summary>Self-signed certificates: the only places a chain may end.</summary>
    public IReadOnlyList<X509Certificate2> Anchors { get; }

    /// <summary>Other certificates of the bundle, usable as intermediates.</summary>
    public IReadOnlyList<X509Certificate2> Others { get; }

    /// <summary>Where the bundle came from.</summary>
    public string Source { get; }

    /// <summary>SHA-256 over the bundle's certificates, to tell bundles apart.</summary>
    public string Fingerprint { get; }

    /// <summary>Reads a PEM bundle; null with a reason when it holds no certificate.</summary>
    public static TrustBundle? Load(ReadOnlySpan<byte> pem, string source, out string? problem)
    {
        var bundle = PemBundle.Parse(pem);
        if (bundle.Entries.Count == 0)
        {
            problem = $"{source}: the CA bundle holds no readable PEM certificate";
            return null;
        }

        problem = null;
        var certificates = bundle.Certificates;
        var fingerprint = Convert.ToHexString(SHA256.HashData(certificates.SelectMany(c => c.RawData).ToArray()));
        return new TrustBundle([.. certificates.Where(IsSelfIssued)], [.. certificates.Where(c => !IsSelfIssued(c))], source, fingerprint);
    }

    /// <summary>OpenSSL's self-issued test: subject equals issuer and, when both identifiers are present, the key identifiers agree.</summary>
    public static bool IsSelfIssued(X509Certificate2 certificate)
    {
        if (!certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
        {
            return false;
        }

        var ski = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifierBytes;
        var aki = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier;
        return ski is not { } s || aki is not { } a || s.Span.SequenceEqual(a.Span);
    }
}
