using System.Net;

namespace Dashboard.Testing.Certificates;

/// <summary>What a test leaf looks like. The defaults mirror an IKS/Let's Encrypt certificate today.</summary>
public sealed record TestLeafSpec
{
    public const string DefaultHost = "mycluster-0001.us-south.containers.appdomain.cloud";

    /// <summary>The host; SANs default to <c>host</c> and <c>*.host</c>.</summary>
    public string Host { get; init; } = DefaultHost;

    /// <summary>Explicit DNS SANs instead of host + wildcard; an empty list gives a certificate without SAN extension.</summary>
    public IReadOnlyList<string>? DnsNames { get; init; }

    public IReadOnlyList<IPAddress> IpAddresses { get; init; } = [];

    public bool ServerAuth { get; init; } = true;

    public bool ClientAuth { get; init; }

    /// <summary>False: no EKU extension at all.</summary>
    public bool WithEku { get; init; } = true;

    public TestKeyKind KeyKind { get; init; } = TestKeyKind.Rsa2048;

    /// <summary>Key cache name; leaves with the same name share a key.</summary>
    public string KeyName { get; init; } = "leaf";

    /// <summary>Offset of not-before from "now" (default: issued 10 days ago).</summary>
    public TimeSpan NotBeforeOffset { get; init; } = TimeSpan.FromDays(-10);

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromDays(90);

    public System.Security.Cryptography.X509Certificates.X509KeyUsageFlags KeyUsage { get; init; } =
        System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.DigitalSignature | System.Security.Cryptography.X509Certificates.X509KeyUsageFlags.KeyEncipherment;

    /// <summary>Extensions added as they are (for example an unknown critical extension).</summary>
    public IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Extension> ExtraExtensions { get; init; } = [];

    /// <summary>Signature hash (SHA-256 by default; SHA-1 for weak-signature cases).</summary>
    public System.Security.Cryptography.HashAlgorithmName? SignatureHash { get; init; }

    public IReadOnlyList<string> EffectiveDnsNames => DnsNames ?? [Host, "*." + Host];

    public static TestLeafSpec Default { get; } = new();

    public TestLeafSpec WithClientAuth() => this with { ClientAuth = true };

    public TestLeafSpec ClientOnly() => this with { ServerAuth = false, ClientAuth = true };

    /// <summary>Expired 30 days ago.</summary>
    public TestLeafSpec Expired() => this with { NotBeforeOffset = TimeSpan.FromDays(-120) };

    /// <summary>Valid from two days from now.</summary>
    public TestLeafSpec NotYetValid() => this with { NotBeforeOffset = TimeSpan.FromDays(2) };

    public TestLeafSpec WrongSan() => this with { DnsNames = ["other.example.org"] };
}
