using System.Net;

namespace Dashboard.Certificates.Issuance;

/// <summary>The key type of an issued certificate.</summary>
public enum KeyType
{
    /// <summary>ECDSA on P-256 with SHA-256 signatures (the default: small and fast).</summary>
    EcdsaP256,

    /// <summary>ECDSA on P-384 with SHA-384 signatures.</summary>
    EcdsaP384,

    /// <summary>RSA 2048 bits.</summary>
    Rsa2048,

    /// <summary>RSA 3072 bits.</summary>
    Rsa3072,

    /// <summary>RSA 4096 bits (slow to generate).</summary>
    Rsa4096,
}

/// <summary>What a leaf certificate may be used for (its extended key usage).</summary>
[Flags]
public enum LeafUsages
{
    /// <summary>No EKU extension at all: no restriction (avoid; verifiers read this as "any purpose").</summary>
    None = 0,

    /// <summary>id-kp-serverAuth.</summary>
    ServerAuth = 1,

    /// <summary>id-kp-clientAuth.</summary>
    ClientAuth = 2,
}

/// <summary>The shape of a CA certificate to create.</summary>
public sealed record CaOptions
{
    /// <summary>The subject distinguished name, e.g. <c>CN=Dashboard mTLS CA, O=Example</c>.</summary>
    public string SubjectName { get; init; } = "CN=Dashboard Private CA";

    /// <summary>The CA's key type (ECDSA P-256 by default).</summary>
    public KeyType KeyType { get; init; } = KeyType.EcdsaP256;

    /// <summary>How long the CA certificate is valid from now.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromDays(3650);

    /// <summary>The basic constraints path length (null: unconstrained for roots; intermediates default to 0).</summary>
    public int? PathLength { get; init; }

    /// <summary>An EKU restriction on the CA certificate (as Let's Encrypt's Gen-Y intermediates carry serverAuth only); none by default.</summary>
    public LeafUsages ExtendedKeyUsages { get; init; } = LeafUsages.None;
}

/// <summary>The shape of a leaf certificate to issue.</summary>
public sealed record LeafRequest
{
    /// <summary>The subject common name; defaults to the first DNS name, or an empty subject.</summary>
    public string? CommonName { get; init; }

    /// <summary>DNS subject alternative names (wildcards such as <c>*.host.example</c> allowed).</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    /// <summary>IP address subject alternative names.</summary>
    public IReadOnlyList<IPAddress> IpAddresses { get; init; } = [];

    /// <summary>Extended key usages (serverAuth by default).</summary>
    public LeafUsages Usages { get; init; } = LeafUsages.ServerAuth;

    /// <summary>The leaf's key type.</summary>
    public KeyType KeyType { get; init; } = KeyType.EcdsaP256;

    /// <summary>Validity from <see cref="NotBefore"/> (90 days by default, like Let's Encrypt).</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Start of validity; the CA's clock by default.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>End of validity; <see cref="NotBefore"/> + <see cref="Lifetime"/> by default. Never later than the issuer's own expiry.</summary>
    public DateTimeOffset? NotAfter { get; init; }
}
