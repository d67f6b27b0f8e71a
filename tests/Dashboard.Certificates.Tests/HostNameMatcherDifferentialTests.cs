using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Validation;

namespace Dashboard.Certificates.Tests;

/// <summary>
/// <see cref="HostNameMatcher"/> checked against the BCL's <see cref="X509Certificate2.MatchesHostname"/> (wildcards
/// allowed, common name never consulted) on the same certificates: every pair of SAN and host agrees, except where
/// the BCL is laxer than RFC 6125 §6.4.3 and the dashboard deliberately stricter, each listed with the reason.
/// </summary>
public sealed class HostNameMatcherDifferentialTests
{
    private static readonly string[] s_dnsSans =
    [
        "host.example.com", "HOST.Example.com", "*.example.com", "*.com", "f*.example.com", "*oo.example.com", "a.*.example.com",
        "**.example.com", "*.appdomain.cloud", "*.us-south.containers.appdomain.cloud", "mycluster-a1b2c3-0001.us-south.containers.appdomain.cloud",
        "xn--bcher-kva.example", "*.xn--bcher-kva.example", "localhost",
    ];

    private static readonly string[] s_hosts =
    [
        "host.example.com", "HOST.EXAMPLE.COM", "host.example.com.", "a.example.com", "example.com", "a.b.example.com", ".example.com",
        "foo.example.com", "other.example.com", "x.appdomain.cloud", "mycluster-a1b2c3-0001.us-south.containers.appdomain.cloud",
        "other-0000.us-south.containers.appdomain.cloud", "xn--bcher-kva.example", "shop.xn--bcher-kva.example", "localhost",
        "192.0.2.10", "192.0.2.11", "2001:db8::1", "[2001:db8::1]", "",
    ];

    // Where the BCL matches and RFC 6125 (and so the dashboard) does not.
    private static readonly Dictionary<(string San, string Host), string> s_stricterThanTheBcl = new()
    {
        [("*.com", "example.com")] = "a wildcard needs at least two labels after it (no wildcard over a public suffix such as com)",
    };

    public static TheoryData<string> Sans() => [.. s_dnsSans];

    [Theory]
    [MemberData(nameof(Sans))]
    public void Matches_EveryHost_AgreesWithTheBcl(string san)
    {
        using var certificate = Certificate(dnsNames: [san], ips: []);
        var summary = CertificateSummary.From(certificate);
        var disagreements = new List<string>();
        foreach (var host in s_hosts.Where(h => h.Length > 0))
        {
            var ours = HostNameMatcher.Covers(summary, host);
            var bcl = BclMatches(certificate, host);
            if (ours != bcl && !(bcl && !ours && s_stricterThanTheBcl.ContainsKey((san, host))))
            {
                disagreements.Add($"{san} vs {host}: dashboard {ours}, BCL {bcl}");
            }
        }

        Assert.Empty(disagreements);
    }

    [Fact]
    public void Covers_IpSans_AgreeWithTheBcl()
    {
        using var certificate = Certificate(dnsNames: ["host.example.com"], ips: [IPAddress.Parse("192.0.2.10"), IPAddress.Parse("2001:db8::1")]);
        var summary = CertificateSummary.From(certificate);

        foreach (var host in new[] { "192.0.2.10", "192.0.2.11", "2001:db8::1", "[2001:db8::1]", "host.example.com" })
        {
            Assert.Equal(BclMatches(certificate, host), HostNameMatcher.Covers(summary, host));
        }
    }

    [Fact]
    public void StricterCases_AreRealDisagreements()
    {
        // The exceptions above are needed: without them the theory would fail on each.
        foreach (var ((san, host), _) in s_stricterThanTheBcl)
        {
            using var certificate = Certificate(dnsNames: [san], ips: []);
            Assert.True(BclMatches(certificate, host), $"{san} vs {host}");
            Assert.False(HostNameMatcher.Covers(CertificateSummary.From(certificate), host), $"{san} vs {host}");
        }
    }

    private static bool BclMatches(X509Certificate2 certificate, string host)
    {
        try
        {
            return certificate.MatchesHostname(host, allowWildcards: true, allowCommonName: false);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static X509Certificate2 Certificate(IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> ips)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=not-a-host-name.invalid", key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            sans.AddDnsName(name);
        }

        foreach (var ip in ips)
        {
            sans.AddIpAddress(ip);
        }

        request.CertificateExtensions.Add(sans.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
    }
}
