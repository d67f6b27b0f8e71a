using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Core.Ibm;

/// <summary>
/// An IBM Cloud API key, bound to one target. The key itself is only readable inside this assembly (by the IAM token
/// exchange); <see cref="ToString"/>, equality and hashing never expose it, so it cannot leak through logs, exceptions
/// or serialised results. Tokens are cached per <see cref="CacheKey"/>, a SHA-256 hash of the key.
/// </summary>
public sealed class IbmCredential : IEquatable<IbmCredential>
{
    private readonly string _apiKey;

    private IbmCredential(string apiKey)
    {
        _apiKey = apiKey;
        CacheKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
    }

    /// <summary>A short, non-reversible identifier of the key (the first 8 hex digits of its SHA-256), for display.</summary>
    public string Fingerprint => CacheKey[..8];

    /// <summary>The SHA-256 of the key, hex: the token cache's key.</summary>
    internal string CacheKey { get; }

    /// <summary>Wraps an API key. Throws <see cref="ArgumentException"/> (without echoing the value) when it is empty or has spaces.</summary>
    public static IbmCredential FromApiKey(string apiKey)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("The IBM Cloud API key is empty; create one with 'ibmcloud iam api-key-create' and paste its value.", nameof(apiKey));
        }

        var trimmed = apiKey.Trim();
        if (trimmed.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("The IBM Cloud API key contains whitespace; paste the key's value exactly as 'ibmcloud iam api-key-create' printed it.", nameof(apiKey));
        }

        return new IbmCredential(trimmed);
    }

    /// <summary>The key's value, for the IAM token exchange only.</summary>
    internal string Reveal() => _apiKey;

    /// <summary>Never the key: a fingerprint only.</summary>
    public override string ToString() => $"IBM Cloud API key (fingerprint {Fingerprint})";

    /// <inheritdoc />
    public bool Equals(IbmCredential? other) => other is not null && CacheKey == other.CacheKey;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as IbmCredential);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CacheKey);
}
