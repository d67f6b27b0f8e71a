using System.Net;
using Dashboard.Sandbox.Iks;

namespace Dashboard.Sandbox.Tests.Iks;

[Collection(IksSandboxCollection.Name)]
public sealed class DnsTests(IksSandboxFixture fixture)
{
    private IksSandbox Sandbox => fixture.Sandbox;

    [Fact]
    public void IngressSubdomain_ResolvesToTheAlbIp_WithItsWildcard()
    {
        var ingress = Sandbox.Simulator.Clusters.Single(c => c.Id == SandboxIksDefaults.ClusterId).IngressSubdomain;

        Assert.Equal([IPAddress.Parse(SandboxIksDefaults.AlbIp)], Sandbox.Simulator.Dns.Resolve(ingress));
        Assert.Equal([IPAddress.Parse(SandboxIksDefaults.AlbIp)], Sandbox.Simulator.Dns.Resolve("httpbin." + ingress.ToUpperInvariant() + "."));
        Assert.Contains(Sandbox.Simulator.Dns.Records, r => r.Host == "*." + ingress);
    }

    [Fact]
    public async Task NlbRegistration_ResolvesToItsIps_AndStopsResolvingWithoutThem()
    {
        var (_, created, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v1/nlb-dns/clusters/sandbox/register", new { nlbIPArray = new[] { "169.46.64.1" } });
        var host = created!["nlbHost"]!.GetValue<string>();

        Assert.Equal([IPAddress.Parse("169.46.64.1")], Sandbox.Simulator.Dns.Resolve(host));
        Assert.Equal([IPAddress.Parse("169.46.64.1")], Sandbox.Simulator.Dns.Resolve("a.b." + host));

        await Sandbox.CallAsync(HttpMethod.Delete, $"/v1/nlb-dns/clusters/sandbox/host/{host}/ip/169.46.64.1/remove");

        Assert.Empty(Sandbox.Simulator.Dns.Resolve(host));
    }

    [Fact]
    public void VpcIngressSubdomain_ResolvesLikeItsLoadBalancerHostname()
    {
        var ingress = Sandbox.Simulator.Clusters.Single(c => c.Name == SandboxIksDefaults.VpcClusterName).IngressSubdomain;

        var addresses = Sandbox.Simulator.Dns.Resolve(ingress);

        Assert.Single(addresses);
        Assert.Equal(addresses, Sandbox.Simulator.Dns.Resolve(SandboxIksDefaults.VpcAlbHostname));
        Assert.StartsWith("150.240.", addresses[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownName_DoesNotResolve()
    {
        Assert.Empty(Sandbox.Simulator.Dns.Resolve("nope.us-south.containers.appdomain.cloud"));
        Assert.Empty(Sandbox.Simulator.Dns.Resolve("example.com"));
    }
}
