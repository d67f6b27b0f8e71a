using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Trust;

namespace Dashboard.Sandbox.DataPlane.Tls;

/// <summary>Which OpenSSL purpose a peer chain is verified for.</summary>
internal enum PeerPurpose
{
    /// <summary>No purpose check.</summary>
    None,

    /// <summary><c>ssl_client</c>: what a TLS server (Envoy) checks on a client certificate.</summary>
    SslClient,

    /// <summary><c>ssl_server</c>: what a TLS client (nginx upstream) checks on a server certificate.</summary>
    SslServer,
}

/// <summary>The verdict on a peer's chain; <see cref="Reason"/> reads like OpenSSL's verify error.</summary>
internal sealed record PeerVerdict(bool Trusted, string Reason)
{
    public static PeerVerdict Ok { get; } = new(true, "ok");
}

/// <summary>
/// Verifies a peer's certificate chain the way OpenSSL/BoringSSL's <c>X509_verify_cert</c> does for Envoy and nginx:
/// the chain must end at a self-signed certificate of the CA bundle (no partial chains), every certificate on it
/// must be valid at the sandbox's time, issuers must be CAs, and the purpose (when given) is checked on the whole
/// path — the leaf's extended key usage must allow it and no CA on the path may exclude it — plus the leaf's key usage.
/// </summary>
internal static class PeerVerifier
{
    /// <param name="leaf">The peer's certificate.</param>
    /// <param name="sent">The other certificates the peer sent (untrusted intermediates).</param>
    /// <param name="bundle">The CA bundle.</param>
    /// <param name="now">The sandbox's time.</param>
    /// <param name="purpose">The purpose to check.</param>
    /// <param name="maxDepth">OpenSSL's verify depth: how many intermediates may sit between leaf and anchor; null for no limit.</param>
    public static PeerVerdict Verify(X509Certificate2 leaf, IEnumerable<X509Certificate2> sent, TrustBundle bundle, DateTimeOffset now, PeerPurpose purpose, int? maxDepth = null)
    {
        using var chain = new X509Chain { ChainPolicy = Policy(bundle, now, purpose) };
        chain.ChainPolicy.ExtraStore.AddRange(sent.Where(c => !c.RawData.AsSpan().SequenceEqual(leaf.RawData)).ToArray());
        chain.Build(leaf);
        return Judge(chain, leaf, purpose, maxDepth);
    }

    /// <summary>
    /// The chain policy for <paramref name="bundle"/> at <paramref name="now"/>: given to SslStream as
    /// <c>CertificateChainPolicy</c>, the chain it builds for the validation callback is already the verdict's chain
    /// (SslStream adds the certificates the peer sent), so each handshake builds one chain, not two.
    /// </summary>
    public static X509ChainPolicy Policy(TrustBundle bundle, DateTimeOffset now, PeerPurpose purpose) =>
        ChainPolicies.Anchored(bundle.Anchors, bundle.Others, now, purpose switch
        {
            PeerPurpose.SslClient => ChainPolicies.ClientAuth,
            PeerPurpose.SslServer => ChainPolicies.ServerAuth,
            _ => null,
        });

    /// <summary>
    /// The verdict on a chain built with <see cref="Policy"/>: its status, the verify depth, and the leaf's key usage.
    /// Without a purpose, a usage status is ignored: SslStream asks for client or server authentication by itself.
    /// </summary>
    public static PeerVerdict Judge(X509Chain chain, X509Certificate2 leaf, PeerPurpose purpose, int? maxDepth)
    {
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        if (purpose == PeerPurpose.None)
        {
            flags &= ~(X509ChainStatusFlags.NotValidForUsage | X509ChainStatusFlags.CtlNotValidForUsage);
        }

        if (flags != X509ChainStatusFlags.NoError || chain.ChainElements.Count == 0)
        {
            return new PeerVerdict(false, Describe(flags, chain));
        }

        if (maxDepth is { } depth && chain.ChainElements.Count - 2 > depth)
        {
            return new PeerVerdict(false, $"certificate chain too long ({chain.ChainElements.Count - 2} intermediates, verify depth {depth})");
        }

        var keyUsage = leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault()?.KeyUsages;
        var needed = purpose switch
        {
            PeerPurpose.SslClient => X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement,
            PeerPurpose.SslServer => X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement,
            _ => X509KeyUsageFlags.None,
        };
        return keyUsage is { } usage && needed != X509KeyUsageFlags.None && (usage & needed) == 0
            ? new PeerVerdict(false, $"unsupported certificate purpose (key usage {usage})")
            : PeerVerdict.Ok;
    }

    private static string Describe(X509ChainStatusFlags flags, X509Chain chain) =>
        flags switch
        {
            _ when flags.HasFlag(X509ChainStatusFlags.NotTimeValid) => "certificate has expired or is not yet valid",
            _ when flags.HasFlag(X509ChainStatusFlags.NotValidForUsage) => "unsupported certificate purpose",
            _ when flags.HasFlag(X509ChainStatusFlags.PartialChain) => "unable to get local issuer certificate",
            _ when flags.HasFlag(X509ChainStatusFlags.UntrustedRoot) => "self-signed certificate in certificate chain is not trusted",
            _ when flags.HasFlag(X509ChainStatusFlags.NotSignatureValid) => "certificate signature failure",
            _ when flags.HasFlag(X509ChainStatusFlags.InvalidBasicConstraints) => "invalid CA certificate",
            _ => "certificate verify failed: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct()),
        };
}
