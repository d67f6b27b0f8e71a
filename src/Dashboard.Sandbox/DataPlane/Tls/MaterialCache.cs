using System.Security.Cryptography;

namespace Dashboard.Sandbox.DataPlane.Tls;

/// <summary>
/// Remembers parsed certificates and CA bundles by content, so rebuilding the configuration after every watch event
/// does not re-parse unchanged secrets. Not thread-safe: used by the single configuration builder.
/// </summary>
internal sealed class MaterialCache
{
    private const int Capacity = 256;
    private readonly Dictionary<string, (TlsCredential? Credential, string? Problem)> _credentials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TrustBundle? Bundle, string? Problem)> _bundles = new(StringComparer.Ordinal);

    public TlsCredential? Credential(byte[] chain, byte[] key, string source, out string? problem)
    {
        var memo = Memo(source, chain, key);
        if (!_credentials.TryGetValue(memo, out var entry))
        {
            entry = (TlsCredential.Load(chain, key, source, out var error), error);
            Remember(_credentials, memo, entry);
        }

        problem = entry.Problem;
        return entry.Credential;
    }

    public TrustBundle? Bundle(byte[] pem, string source, out string? problem)
    {
        var memo = Memo(source, pem, []);
        if (!_bundles.TryGetValue(memo, out var entry))
        {
            entry = (TrustBundle.Load(pem, source, out var error), error);
            Remember(_bundles, memo, entry);
        }

        problem = entry.Problem;
        return entry.Bundle;
    }

    private static string Memo(string source, byte[] a, byte[] b) => source + "|" + Convert.ToHexString(SHA256.HashData([.. a, 0, .. b]));

    private static void Remember<T>(Dictionary<string, T> cache, string key, T value)
    {
        if (cache.Count >= Capacity)
        {
            cache.Clear();
        }

        cache[key] = value;
    }
}
