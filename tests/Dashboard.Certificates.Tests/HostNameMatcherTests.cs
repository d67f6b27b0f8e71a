using Dashboard.Certificates.Validation;

namespace Dashboard.Certificates.Tests;

public sealed class HostNameMatcherTests
{
    [Theory]
    [InlineData("host.example.com", "host.example.com", true)]
    [InlineData("HOST.Example.com", "host.example.COM", true)]
    [InlineData("host.example.com", "host.example.com.", true)]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "A.EXAMPLE.COM", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    [InlineData("*.example.com", ".example.com", false)]
    [InlineData("*.com", "example.com", false)]
    [InlineData("f*.example.com", "foo.example.com", false)]
    [InlineData("*oo.example.com", "foo.example.com", false)]
    [InlineData("a.*.example.com", "a.b.example.com", false)]
    [InlineData("**.example.com", "a.example.com", false)]
    [InlineData("host.example.com", "other.example.com", false)]
    [InlineData("*.example.com", "10.0.0.1", false)]
    [InlineData("host.example.com", "", false)]
    [InlineData("*.bücher.example", "shop.xn--bcher-kva.example", true)]
    public void Matches_Rfc6125Rules(string pattern, string host, bool expected) =>
        Assert.Equal(expected, HostNameMatcher.Matches(pattern, host));

    [Fact]
    public void Covers_IpAddressHost_MatchesOnlyIpSans()
    {
        var leaf = Inspection.CertificateSummary.From(Pki.Rsa.Leaf(Testing.Certificates.TestLeafSpec.Default with { IpAddresses = [System.Net.IPAddress.Parse("192.0.2.10")] }).Leaf.Certificate);

        Assert.True(HostNameMatcher.Covers(leaf, "192.0.2.10"));
        Assert.False(HostNameMatcher.Covers(leaf, "192.0.2.11"));
        Assert.True(HostNameMatcher.Covers(leaf, "x." + Pki.Host));
        Assert.False(HostNameMatcher.Covers(leaf, "x.y." + Pki.Host));
    }
}
