using Dashboard.Sandbox.Iks;

namespace Dashboard.Sandbox.Tests.Iks;

/// <summary>Bad requests get IBM's status codes and error bodies, and change nothing.</summary>
[Collection(IksSandboxCollection.Name)]
public sealed class BadRequestTests(IksSandboxFixture fixture)
{
    private IksSandbox Sandbox => fixture.Sandbox;

    [Fact]
    public async Task Register_MalformedJson_Answers400AndRegistersNothing()
    {
        var before = (await Sandbox.ListAsync()).Count;

        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v1/nlb-dns/clusters/sandbox/register", rawBody: "{\"nlbIPArray\": [\"169.46.61.1\"");

        Assert.Equal(400, status);
        AssertIbmErrorBody(body);
        Assert.Contains("JSON", body!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, (await Sandbox.ListAsync()).Count);
    }

    [Fact]
    public async Task Register_MissingIps_Answers400NamingTheField()
    {
        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v1/nlb-dns/clusters/sandbox/register", new { nlbType = "public" });

        Assert.Equal(400, status);
        AssertIbmErrorBody(body);
        Assert.Contains("'nlbIPArray'", body!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"nlbIPArray":["999.1.1.1"]}""", "999.1.1.1")]
    [InlineData("""{"nlbIPArray":"169.46.61.2"}""", "nlbIPArray")]
    [InlineData("""{"nlbIPArray":["169.46.61.3"],"secretNamespace":"Not_A_Namespace"}""", "Not_A_Namespace")]
    public async Task Register_InvalidValue_Answers400NamingIt(string json, string named)
    {
        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v1/nlb-dns/clusters/sandbox/register", rawBody: json);

        Assert.Equal(400, status);
        Assert.Contains(named, body!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_UnknownCluster_Answers404G0004()
    {
        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v1/nlb-dns/clusters/nope/register", new { nlbIPArray = new[] { "169.46.61.4" } });

        Assert.Equal(404, status);
        Assert.Equal("G0004", body!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_ViewerRole_Answers403NamingTheRoleAndCluster()
    {
        var viewer = await Sandbox.TokenAsync(SandboxIksDefaults.ViewerApiKey);

        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v1/nlb-dns/clusters/sandbox/register", new { nlbIPArray = new[] { "169.46.61.5" } }, viewer);
        var (read, _, _) = await Sandbox.CallAsync(HttpMethod.Get, "/v2/nlb-dns/getNlbDNSList?cluster=sandbox", token: viewer);

        Assert.Equal(403, status);
        AssertIbmErrorBody(body);
        Assert.Contains("Editor", body!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("'sandbox'", body["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(200, read);
    }

    [Fact]
    public async Task Register_IpAlreadyRegistered_Answers409()
    {
        var (first, _, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v1/nlb-dns/clusters/sandbox/register", new { nlbIPArray = new[] { "169.46.61.6" } });
        var (second, body, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v1/nlb-dns/clusters/sandbox/register", new { nlbIPArray = new[] { "169.46.61.6" } });

        Assert.Equal(201, first);
        Assert.Equal(409, second);
        Assert.Contains("169.46.61.6", body!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/nlb-dns/clusters/sandbox-vpc/register", """{"nlbIPArray":["169.46.61.7"]}""")]
    [InlineData("/v2/nlb-dns/vpc/createNlbDNS", """{"cluster":"sandbox","lbHostname":"x-us-south.lb.appdomain.cloud"}""")]
    public async Task Register_WrongProvider_Answers400(string path, string json)
    {
        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Post, path, rawBody: json);

        Assert.Equal(400, status);
        Assert.Contains("supported only for", body!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/nlb-dns/regenerateCert", """{"cluster":"sandbox"}""", 400, "'subdomain'")]
    [InlineData("/v2/nlb-dns/regenerateCert", """{"subdomain":"x.us-south.containers.appdomain.cloud"}""", 400, "'cluster'")]
    [InlineData("/v2/nlb-dns/deleteSecret", """{"cluster":"sandbox","subdomain":"nope-0001.us-south.containers.appdomain.cloud"}""", 404, "could not be found")]
    [InlineData("/v2/nlb-dns/vpc/removeLBHostname", """{"cluster":"sandbox-vpc","nlbSubdomain":"nope-0001.us-south.containers.appdomain.cloud"}""", 404, "could not be found")]
    [InlineData("/v2/nlb-dns/deleteSecret", "[1,2]", 400, "JSON")]
    public async Task V2Post_BadInput_AnswersIbmErrors(string path, string json, int expected, string described)
    {
        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Post, path, rawBody: json);

        Assert.Equal(expected, status);
        AssertIbmErrorBody(body);
        Assert.Contains(described, body!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_Answers404WithIbmBody()
    {
        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Get, "/v2/nope");

        Assert.Equal(404, status);
        AssertIbmErrorBody(body);
    }

    private static void AssertIbmErrorBody(System.Text.Json.Nodes.JsonNode? body)
    {
        Assert.NotNull(body);
        foreach (var field in new[] { "incidentID", "code", "description", "type" })
        {
            Assert.False(string.IsNullOrEmpty(body[field]?.GetValue<string>()), $"'{field}' is missing in {body.ToJsonString()}");
        }
    }
}
