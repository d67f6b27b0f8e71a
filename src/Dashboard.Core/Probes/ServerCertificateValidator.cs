using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Core.Probes;

/// <summary>
/// Validates the server's certificate the way the probe promises: a chain to the given CA bundle only (never the
/// machine store) at the <see cref="TimeProvider"/>'s time, valid for server authentication, issued for the expected
/// name. Checks run in that order, so the reported reason is the most fundamental one.
/// </summary>
internal static class ServerCertificateValidator
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    private const X509ChainStatusFlags TimeFlags = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested;

    public static ServerCertificateVerdict Validate(
        X509Certificate2 leaf,
        X509Certificate2Collection presented,
        X509Certificate2Collection? trustBundle,
        string expectedName,
        DateTimeOffset now)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = now.UtcDateTime;
        policy.ApplicationPolicy.Add(new(ServerAuthOid));
        policy.ExtraStore.AddRange(presented);
        if (trustBundle is not null)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            foreach (var certificate in trustBundle)
            {
                (IsSelfIssued(certificate) ? policy.CustomTrustStore : policy.ExtraStore).Add(certificate);
            }
        }

        chain.Build(leaf);
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, status) => all | status.Status);
        if (flags.HasFlag(X509ChainStatusFlags.PartialChain) && EndsInBundle(chain, trustBundle))
        {
            // Like curl's --cacert (OpenSSL partial chains): a bundle certificate that is not a root is still an anchor.
            flags &= ~X509ChainStatusFlags.PartialChain;
        }

        var trustFlags = flags & ~TimeFlags;
        if (trustFlags != X509ChainStatusFlags.NoError)
        {
            return Untrusted(leaf, chain, trustBundle, trustFlags);
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

    private static ServerCertificateVerdict Untrusted(
        X509Certificate2 leaf, X509Chain chain, X509Certificate2Collection? trustBundle, X509ChainStatusFlags flags)
    {
        var anchors = trustBundle is null
            ? "the system's trusted roots"
            : $"the trusted CA bundle [{string.Join("; ", trustBundle.Select(certificate => certificate.Subject))}]";
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

    private static bool EndsInBundle(X509Chain chain, X509Certificate2Collection? trustBundle)
    {
        if (trustBundle is null || chain.ChainElements.Count == 0)
        {
            return false;
        }

        var top = chain.ChainElements[^1].Certificate;
        return trustBundle.Any(anchor => anchor.RawDataMemory.Span.SequenceEqual(top.RawDataMemory.Span));
    }

    private static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
