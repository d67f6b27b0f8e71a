using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Trust;

namespace Dashboard.Core.Probes;

/// <summary>
/// Validates the server's certificate the way the probe promises: a chain to the given CA bundle only (never the
/// machine store) at the <see cref="TimeProvider"/>'s time, valid for server authentication, issued for the expected
/// name. Checks run in that order, so the reported reason is the most fundamental one.
/// </summary>
/// <remarks>
/// <see cref="Policy"/> is handed to SslStream as its <c>CertificateChainPolicy</c>: the chain SslStream builds for the
/// validation callback (adding what the server sent) is then the verdict's chain, so a probe builds one chain, not two,
/// and not even SslStream's own build looks at the machine store.
/// </remarks>
internal static class ServerCertificateValidator
{
    private const X509ChainStatusFlags TimeFlags = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested;

    /// <summary>Trust exactly the bundle at <paramref name="now"/>, offline, for server authentication.</summary>
    public static X509ChainPolicy Policy(ProbeTrustBundle trust, DateTimeOffset now) =>
        ChainPolicies.Anchored(trust.Roots, trust.Others, now, ChainPolicies.ServerAuth);

    /// <summary>
    /// The verdict on <paramref name="chain"/>, built for <paramref name="leaf"/> with <see cref="Policy"/> (as SslStream
    /// hands it to the validation callback). A chain built any other way is rebuilt here with the bundle's policy.
    /// </summary>
    public static ServerCertificateVerdict Validate(
        X509Certificate2 leaf,
        X509Chain? chain,
        IEnumerable<X509Certificate2> presented,
        ProbeTrustBundle trust,
        string expectedName,
        DateTimeOffset now)
    {
        if (chain is { ChainPolicy.TrustMode: X509ChainTrustMode.CustomRootTrust })
        {
            return Judge(leaf, chain, trust, expectedName, now);
        }

        using var own = new X509Chain { ChainPolicy = Policy(trust, now) };
        own.ChainPolicy.ExtraStore.AddRange(presented.ToArray());
        own.Build(leaf);
        try
        {
            return Judge(leaf, own, trust, expectedName, now);
        }
        finally
        {
            foreach (var element in own.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    private static ServerCertificateVerdict Judge(X509Certificate2 leaf, X509Chain chain, ProbeTrustBundle trust, string expectedName, DateTimeOffset now)
    {
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, status) => all | status.Status);
        if (flags.HasFlag(X509ChainStatusFlags.PartialChain) && EndsInBundle(chain, trust))
        {
            // Like curl's --cacert (OpenSSL partial chains): a bundle certificate that is not a root is still an anchor.
            flags &= ~X509ChainStatusFlags.PartialChain;
        }

        var trustFlags = flags & ~TimeFlags;
        if (trustFlags != X509ChainStatusFlags.NoError)
        {
            return Untrusted(leaf, chain, trust, trustFlags);
        }

        if ((flags & TimeFlags) != X509ChainStatusFlags.NoError)
        {
            return OutOfValidity(chain, now);
        }

        if (!leaf.MatchesHostname(expectedName, allowWildcards: true, allowCommonName: false))
        {
            var names = PresentedCertificate.From(leaf).DnsNames;
            return ServerCertificateVerdict.Reject(
                ProbeFailureReason.ServerCertificateNameMismatch,
                $"The server certificate '{leaf.Subject}' is issued for [{string.Join(", ", names)}], not for '{expectedName}'.",
                "Probe the host name the certificate was issued for (or set the expected server name), or issue the server certificate with this name in its subject alternative names.");
        }

        return ServerCertificateVerdict.Accepted;
    }

    public static ServerCertificateVerdict NoCertificate() => ServerCertificateVerdict.Reject(
        ProbeFailureReason.ServerCertificateUntrusted,
        "The server presented no certificate.",
        "Configure a server certificate on the listener.");

    private static ServerCertificateVerdict Untrusted(X509Certificate2 leaf, X509Chain chain, ProbeTrustBundle trust, X509ChainStatusFlags flags)
    {
        var anchors = $"the trusted CA bundle [{string.Join("; ", trust.Certificates.Select(certificate => certificate.Subject))}]";
        var details = string.Join("; ", chain.ChainStatus
            .Where(status => (status.Status & flags) != 0)
            .Select(status => $"{status.Status}: {status.StatusInformation.Trim()}")
            .Distinct());
        var message = flags == X509ChainStatusFlags.NotValidForUsage
            ? $"The server certificate '{leaf.Subject}' is not valid for server authentication (its extended key usage lacks serverAuth)."
            : $"The server certificate '{leaf.Subject}' (issuer '{leaf.Issuer}') does not chain to {anchors} ({details}).";
        return ServerCertificateVerdict.Reject(
            ProbeFailureReason.ServerCertificateUntrusted,
            message,
            "Trust the CA that issued the server certificate (put its root in the trusted CA bundle), or make the server present a certificate from a trusted CA together with its intermediates.");
    }

    private static ServerCertificateVerdict OutOfValidity(X509Chain chain, DateTimeOffset now)
    {
        var element = chain.ChainElements
            .FirstOrDefault(e => e.ChainElementStatus.Any(status => (status.Status & TimeFlags) != 0))
            ?? chain.ChainElements[0];
        var certificate = element.Certificate;
        var role = ReferenceEquals(element, chain.ChainElements[0]) ? "server certificate" : "CA certificate in the server's chain";
        var notBefore = certificate.NotBefore.ToUniversalTime();
        var notAfter = certificate.NotAfter.ToUniversalTime();
        var message = now.UtcDateTime < notBefore
            ? $"The {role} '{certificate.Subject}' is not valid before {notBefore:u} (now {now.UtcDateTime:u})."
            : $"The {role} '{certificate.Subject}' expired at {notAfter:u} (now {now.UtcDateTime:u}).";
        return ServerCertificateVerdict.Reject(
            ProbeFailureReason.ServerCertificateExpired,
            message,
            "Renew the certificate and load it on the server (for IKS certificates, re-sync the derived secret from the renewed IKS secret); if it is not yet valid, check the clocks.");
    }

    private static bool EndsInBundle(X509Chain chain, ProbeTrustBundle trust) =>
        chain.ChainElements.Count > 0 && trust.ContainsCopyOf(chain.ChainElements[^1].Certificate);
}
