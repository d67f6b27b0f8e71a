using System.Net;

namespace Dashboard.Testing.Certificates;

/// <summary>What a test leaf looks like. The defaults mirror an IKS/Let's Encrypt certificate today.</summary>
public sealed record TestLeafSpec
{
    /// <summary>An IKS-style nlb-dns host name.</summary>
    public const string DefaultHost = "mycluster-0001.us-south.containers.appdomain.cloud";

    /// <summary>The host; SANs default to <c>host</c> and <c>*.host</c>.</summary>
    public string Host { get; init; } = DefaultHost;

    /// <summary>Explicit DNS SANs instead of host + wildcard; an empty list gives a certificate without SAN extension.</summary>
    public IReadOnlyList<string>? DnsNames { get; init; }

    /// <summary>IP address SANs.</summary>
    public IReadOnlyList<IPAddress> IpAddresses { get; init; } = [];

    /// <summary>Include the serverAuth EKU (Let's Encrypt today: yes).</summary>
    public bool ServerAuth { get; init; } = true;

    /// <summary>Include the clientAuth EKU (Let's Encrypt since 2026: no).</summary>
    public bool ClientAuth { get; init; }

    /// <summary>False: no EKU extension at all.</summary>
    public bool WithEku { get; init; } = true;

    /// <summary>Basic constraints cA=TRUE on an otherwise ordinary leaf (a mis-issued certificate).</summary>
    public bool CertificateAuthority { get; init; }

    /// <summary>The leaf key type (RSA 2048 like IKS by default).</summary>
    public TestKeyKind KeyKind { get; init; } = TestKeyKind.Rsa2048;

    /// <summary>Key cache name; leaves with the same name share a key.</summary>
    public string KeyName { get; init; } = "leaf";

    /// <summary>Offset of not-before from "now" (default: issued 10 days ago).</summary>
    public TimeSpan NotBeforeOffset { get; init; } = TimeSpan.FromDays(-10);

    /// <summary>Validity (90 days like Let's Encrypt).</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Key usage flags.</summary>
    public System.Security.Cryptography.X509Certificates.X509KeyUsageFlags KeyUsage { get; init; } =
        System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.DigitalSignature | System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.KeyEncipherment;

    /// <summary>Extensions added as they are (for example an unknown critical extension).</summary>
    public IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Extension> ExtraExtensions { get; init; } = [];

    /// <summary>Signature hash (SHA-256 by default; SHA-1 for weak-signature cases).</summary>
    public System.Security.Cryptography.HashAlgorithmName? SignatureHash { get; init; }

    /// <summary>The DNS SANs the leaf gets.</summary>
    public IReadOnlyList<string> EffectiveDnsNames => DnsNames ?? [Host, "*." + Host];

    /// <summary>The Let's-Encrypt-like default.</summary>
    public static TestLeafSpec Default { get; } = new();

    /// <summary>serverAuth and clientAuth.</summary>
    public TestLeafSpec WithClientAuth() => this with { ClientAuth = true };

    /// <summary>clientAuth only (what a private CA issues to the ALB).</summary>
    public TestLeafSpec ClientOnly() => this with { ServerAuth = false, ClientAuth = true };

    /// <summary>Expired 30 days ago.</summary>
    public TestLeafSpec Expired() => this with { NotBeforeOffset = TimeSpan.FromDays(-120) };

    /// <summary>Valid from two days from now.</summary>
    public TestLeafSpec NotYetValid() => this with { NotBeforeOffset = TimeSpan.FromDays(2) };

    /// <summary>SANs for another host.</summary>
    public TestLeafSpec WrongSan() => this with { DnsNames = ["other.example.org"] };
}
