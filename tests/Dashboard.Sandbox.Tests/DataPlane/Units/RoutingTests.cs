using Dashboard.Sandbox.DataPlane.Alb;
using Dashboard.Sandbox.DataPlane.Gateway;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.Tests.DataPlane.Units;

public sealed class RoutingTests
{
    [Theory]
    [InlineData("*", "gw.example.com", "gw.example.com")]
    [InlineData("gw.example.com", "*", "gw.example.com")]
    [InlineData("*.example.com", "gw.example.com", "gw.example.com")]
    [InlineData("gw.example.com", "*.example.com", "gw.example.com")]
    [InlineData("*.a.example.com", "*.example.com", "*.a.example.com")]
    [InlineData("other.example.org", "gw.example.com", null)]
    [InlineData("*.example.org", "gw.example.com", null)]
    public void Intersect_VirtualServiceAndServerHosts_GivesTheMoreSpecificOrNone(string a, string b, string? expected) =>
        Assert.Equal(expected, GatewayConfigBuilder.Intersect(a, b));

    [Theory]
    [InlineData("Prefix", "/status", "/status", true)]
    [InlineData("Prefix", "/status", "/status/418", true)]
    [InlineData("Prefix", "/status", "/statusx", false)]
    [InlineData("Prefix", "/status/", "/status", true)]
    [InlineData("Prefix", "/", "/anything", true)]
    [InlineData("ImplementationSpecific", "/status", "/statusx", true)]
    [InlineData("Exact", "/status", "/status/418", false)]
    [InlineData("Exact", "/status", "/status", true)]
    public void AlbLocation_PathTypes_MatchAsIngressNginx(string kind, string path, string request, bool matches) =>
        Assert.Equal(matches, new AlbLocation(path, Enum.Parse<IngressPathKind>(kind), Backend).Matches(request));

    [Fact]
    public void AlbServer_ExactAndPrefixes_PrefersExactThenLongestPrefix()
    {
        var server = new AlbServer("h", [new("/", IngressPathKind.Prefix, Backend), new("/status", IngressPathKind.Prefix, Backend), new("/status/418", IngressPathKind.Exact, Backend)]);

        Assert.Equal(["/status/418", "/status", "/"], new[] { "/status/418", "/status/500", "/get" }.Select(p => server.Match(p)!.Path));
    }

    [Fact]
    public void SelectBySni_ExactWildcardAndCatchAll_PicksLikeEnvoysFilterChainMatch()
    {
        var config = new GatewayConfig([Server("catch-all", "*"), Server("wild", "*.example.com"), Server("exact", "gw.example.com")], true, "");

        Assert.Equal("exact", config.SelectBySni("gw.example.com")!.Gateway);
        Assert.Equal("wild", config.SelectBySni("other.example.com")!.Gateway);
        Assert.Equal("catch-all", config.SelectBySni("elsewhere.org")!.Gateway);
        Assert.Equal("catch-all", config.SelectBySni(null)!.Gateway);
        Assert.Null(new GatewayConfig([Server("exact", "gw.example.com")], true, "").SelectBySni("elsewhere.org"));
    }

    [Fact]
    public void Route_PrefixSeesTheQuery_ExactDoesNot()
    {
        var prefix = new RequestMatch(new StringMatch("prefix", "/status?x", null), false, null, null, null, null, [], [], [], [], null);
        var exact = new RequestMatch(new StringMatch("exact", "/status/418", null), false, null, null, null, null, [], [], [], [], null);
        var server = Server("gw", "*") with
        {
            Routes = [new VirtualHostRoutes("*", [new HttpRouteRule("ns/prefix", [prefix], [], null, null, null), new HttpRouteRule("ns/exact", [exact], [], null, null, null)])],
        };

        Assert.Equal("ns/prefix", GatewayRouter.Route(server, Input("/status", "?x=1")).Rule?.VirtualService);
        Assert.Equal("ns/exact", GatewayRouter.Route(server, Input("/status/418", "?y=1")).Rule?.VirtualService);
        Assert.Null(GatewayRouter.Route(server, Input("/headers", "")).Rule);
    }

    [Fact]
    public void Route_HostHeader_PicksExactDomainBeforeWildcardAndStar()
    {
        var server = Server("gw", "*") with
        {
            Routes =
            [
                new VirtualHostRoutes("*", [new HttpRouteRule("ns/star", [], [], null, null, null)]),
                new VirtualHostRoutes("*.example.com", [new HttpRouteRule("ns/wild", [], [], null, null, null)]),
                new VirtualHostRoutes("gw.example.com", [new HttpRouteRule("ns/exact", [], [], null, null, null)]),
            ],
        };

        Assert.Equal("ns/exact", GatewayRouter.Route(server, Input("/", "", "GW.example.com:8443")).Rule?.VirtualService);
        Assert.Equal("ns/wild", GatewayRouter.Route(server, Input("/", "", "a.example.com")).Rule?.VirtualService);
        Assert.Equal("ns/star", GatewayRouter.Route(server, Input("/", "", "elsewhere.org")).Rule?.VirtualService);
    }

    private static readonly AlbBackend Backend = new("ns/ing", "ns/svc:443", BackendKind.Gateway, null, null, "");

    private static GatewayServer Server(string name, string host) =>
        new(name, 0, [new ServerHost("*", host)], GatewayTlsMode.Simple, null, null, null, null, []);

    private static RouteInput Input(string path, string query, string host = "gw.example.com") =>
        new(host, "GET", path, query, "https", 443, "istio-system/gw", new HeaderDictionary());
}
