using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dashboard.Certificates.Inspection;

namespace Dashboard.Certificates.Trust;

/// <summary>
/// Issuer paths that <c>X509Chain</c> verified against one trust store: an issuing certificate (usually a Let's
/// Encrypt intermediate), the rest of its path up to a trusted root, and the issuer's public key ready to verify
/// leaf signatures. Thousands of leaves share a handful of intermediates, so each is verified once.
/// </summary>
/// <remarks>
/// Only paths that verified without any error are cached, and their validity periods are re-checked at every use:
/// with revocation off, a path's verdict depends on time only through those periods.
/// </remarks>
internal sealed class IssuerPathCache
{
    private const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, IssuerPath> _paths = new(StringComparer.Ordinal);

    public IssuerPath? Get(string key) => _paths.GetValueOrDefault(key);

    public void Add(string key, IssuerPath path)
    {
        if (_paths.Count >= Capacity)
        {
            // Crude but bounded: a store sees few distinct intermediates, so overflowing means unusual input.
            _paths.Clear();
        }

        _paths.TryAdd(key, path);
    }

    internal int Count => _paths.Count;
}

/// <summary>A verified path from an issuing certificate up to and including its trusted root.</summary>
internal sealed class IssuerPath(IReadOnlyList<CertificateData> path, AsymmetricAlgorithm issuerKey)
{
    private readonly Lock _keyLock = new();

    /// <summary>The issuer first, the trusted root last.</summary>
    public IReadOnlyList<CertificateData> Path { get; } = path;

    public bool IsValidAt(DateTimeOffset time) => Path.All(c => c.IsValidAt(time));

    public bool HasNameConstraints => Path.Any(c => c.HasNameConstraints);

    /// <summary>Verifies a certificate the issuer signed; null when the algorithm needs the platform's chain engine.</summary>
    public bool? VerifySignatureOf(CertificateData certificate)
    {
        // The platform key objects are not documented as thread-safe; verification is short, so serialise it.
        lock (_keyLock)
        {
            return SignatureVerifier.Verify(certificate, issuerKey);
        }
    }
}
