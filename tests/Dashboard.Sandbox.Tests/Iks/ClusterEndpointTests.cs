using System.Text.RegularExpressions;
using Dashboard.Certificates.Parsing;
using Dashboard.Sandbox.Iks;

namespace Dashboard.Sandbox.Tests.Iks;

[Collection(IksSandboxCollection.Name)]
public sealed partial class ClusterEndpointTests(IksSandboxFixture fixture)
{
    private IksSandbox Sandbox => fixture.Sandbox;

    [Fact]
    public async Task GetClusterV2_Classic_ReturnsProviderRegionAndIngressInIbmFormat()
    {
        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Get, "/v2/getCluster?cluster=sandbox");

        Assert.Equal(200, status);
        Assert.Equal("classic", body!["provider"]!.GetValue<string>());
        Assert.Equal("us-south", body["region"]!.GetValue<string>());
        Assert.Equal("normal", body["state"]!.GetValue<string>());
        var hostname = body["ingress"]!["hostname"]!.GetValue<string>();
        Assert.Matches(SubdomainFormat(), hostname);
        Assert.EndsWith("-0000.us-south.containers.appdomain.cloud", hostname, StringComparison.Ordinal);
        Assert.Equal(hostname.Split('.')[0], body["ingress"]!["secretName"]!.GetValue<string>());
        Assert.Equal("healthy", body["ingress"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetClusterV2_Vpc_ReportsVpcProvider()
    {
        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Get, $"/v2/getCluster?cluster={SandboxIksDefaults.VpcClusterName}");

        Assert.Equal(200, status);
        Assert.Equal("vpc-gen2", body!["provider"]!.GetValue<string>());
        Assert.Matches(SubdomainFormat(), body["ingress"]!["hostname"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetClusterV1_ById_ReturnsFlatIngressFields()
    {
        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Get, $"/v1/clusters/{SandboxIksDefaults.ClusterId}");

        Assert.Equal(200, status);
        Assert.Equal("sandbox", body!["name"]!.GetValue<string>());
        Assert.Matches(SubdomainFormat(), body["ingressHostname"]!.GetValue<string>());
        Assert.NotEmpty(body["ingressSecretName"]!.GetValue<string>());
        Assert.Null(body["ingress"]);
    }

    [Theory]
    [InlineData("/v2/classic/getCluster?cluster=sandbox", 200)]
    [InlineData("/v2/vpc/getCluster?cluster=sandbox", 404)]
    [InlineData("/v2/vpc/getCluster?cluster=sandbox-vpc", 200)]
    public async Task GetCluster_ProviderSpecificPath_ServesOnlyThatProvider(string path, int expected)
    {
        var (status, _, _) = await Sandbox.CallAsync(HttpMethod.Get, path);

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task GetCluster_UnknownCluster_Answers404WithIbmErrorBody()
    {
        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Get, "/v2/getCluster?cluster=no-such-cluster");

        Assert.Equal(404, status);
        Assert.Equal("G0004", body!["code"]!.GetValue<string>());
        Assert.Equal("General", body["type"]!.GetValue<string>());
        Assert.StartsWith("The specified cluster could not be found.", body["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("ibmcloud ks cluster ls", body["recoveryCLI"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(body["incidentID"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GetCluster_MissingClusterParameter_Answers400NamingIt()
    {
        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Get, "/v2/getCluster");

        Assert.Equal(400, status);
        Assert.Contains("'cluster'", body!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCluster_ClusterOfAnotherAccount_IsInvisible()
    {
        var otherToken = await Sandbox.TokenAsync(IksSandboxFixture.OtherApiKey);

        var (mine, _, _) = await Sandbox.CallAsync(HttpMethod.Get, $"/v2/getCluster?cluster={SandboxIksDefaults.ClusterId}", token: otherToken);
        var (theirs, body, _) = await Sandbox.CallAsync(HttpMethod.Get, "/v2/getCluster?cluster=sandbox", token: otherToken);

        Assert.Equal(404, mine);
        Assert.Equal(200, theirs);
        Assert.Equal("otherclusterid000000", body!["id"]!.GetValue<string>());

        // Same name in the same region: IBM adds a dash and six characters to the name part.
        Assert.Matches(@"^sandbox-[0-9a-z]{6}-[0-9a-f]{32}-0000\.us-south\.containers\.appdomain\.cloud$", body["ingress"]!["hostname"]!.GetValue<string>());
    }

    [Fact]
    public async Task IngressSecret_AtStart_ExistsInDefaultNamespaceAsIksWritesIt()
    {
        var (_, cluster, _) = await Sandbox.CallAsync(HttpMethod.Get, "/v2/getCluster?cluster=sandbox");
        var host = cluster!["ingress"]!["hostname"]!.GetValue<string>();

        var secret = await Sandbox.SecretAsync("default", cluster["ingress"]!["secretName"]!.GetValue<string>());

        Assert.NotNull(secret);
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal("ibm", secret.Metadata.Annotations["ingress.cloud.ibm.com/cert-source"]);
        var chain = PemBundle.Parse(secret.Data["tls.crt"]);
        Assert.Equal(2, chain.Entries.Count);
        Assert.Equal([host, "*." + host], chain.Entries[0].Summary.DnsNames);
        Assert.Single(PemBundle.Parse(secret.Data["tls.key"]).PrivateKeys);
    }

    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,24}-[0-9a-f]{32}-00\d\d\.[a-z]{2}-[a-z]+\.containers\.appdomain\.cloud$")]
    private static partial Regex SubdomainFormat();
}
