using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Certificates.Trust;

/// <summary>
/// The one way the dashboard and the sandbox build X.509 chains: trust only the given anchors (never the machine's
/// store), fetch nothing (no AIA downloads, no revocation checks: the parties are offline or in the sandbox), and
/// judge validity at a given time (the sandbox clock can be ahead of the machine's).
/// </summary>
public static class ChainPolicies
{
    /// <summary>The serverAuth extended key usage (1.3.6.1.5.5.7.3.1).</summary>
    public static Oid ServerAuth => new("1.3.6.1.5.5.7.3.1");

    /// <summary>The clientAuth extended key usage (1.3.6.1.5.5.7.3.2).</summary>
    public static Oid ClientAuth => new("1.3.6.1.5.5.7.3.2");

    /// <summary>
    /// A policy anchored at <paramref name="anchors"/>, with <paramref name="intermediates"/> available to build the path,
    /// evaluated at <paramref name="time"/>; with <paramref name="purpose"/>, the chain must allow that extended key usage.
    /// </summary>
    public static X509ChainPolicy Anchored(IEnumerable<X509Certificate2> anchors, IEnumerable<X509Certificate2> intermediates, DateTimeOffset time, Oid? purpose = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(intermediates);
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
            VerificationTime = time.UtcDateTime,
            VerificationTimeIgnored = false,
        };
        policy.CustomTrustStore.AddRange(anchors.ToArray());
        policy.ExtraStore.AddRange(intermediates.ToArray());
        if (purpose is not null)
        {
            policy.ApplicationPolicy.Add(purpose);
        }

        return policy;
    }
}
