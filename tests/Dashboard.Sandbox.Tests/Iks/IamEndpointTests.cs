using System.Text.Json.Nodes;
using Dashboard.Sandbox.Iks;

namespace Dashboard.Sandbox.Tests.Iks;

[Collection(IksSandboxCollection.Name)]
public sealed class IamEndpointTests(IksSandboxFixture fixture)
{
    private IksSandbox Sandbox => fixture.Sandbox;

    [Fact]
    public async Task Token_SandboxApiKey_ReturnsDocumentedFields()
    {
        var (status, body) = await PostFormAsync(new() { ["grant_type"] = "urn:ibm:params:oauth:grant-type:apikey", ["apikey"] = SandboxIksDefaults.ApiKey });

        Assert.Equal(200, status);
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<long>());
        var expiration = DateTimeOffset.FromUnixTimeSeconds(body["expiration"]!.GetValue<long>());
        Assert.InRange(expiration - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        Assert.Equal(3, body["access_token"]!.GetValue<string>().Split('.').Length);
        Assert.NotNull(body["refresh_token"]);
    }

    [Fact]
    public async Task Token_UnknownApiKey_Answers400WithBxnim0415E()
    {
        var (status, body) = await PostFormAsync(new() { ["grant_type"] = "urn:ibm:params:oauth:grant-type:apikey", ["apikey"] = "not-a-key" });

        Assert.Equal(400, status);
        Assert.Equal("BXNIM0415E", body["errorCode"]!.GetValue<string>());
        Assert.Equal("Provided API key could not be found.", body["errorMessage"]!.GetValue<string>());
        Assert.NotNull(body["context"]!["requestId"]);
    }

    [Theory]
    [InlineData(null, "grant_type")]
    [InlineData("urn:ibm:params:oauth:grant-type:apikey", "apikey")]
    public async Task Token_MissingProperty_Answers400WithBxnim0109ENamingIt(string? grant, string missing)
    {
        var form = new Dictionary<string, string>();
        if (grant is not null)
        {
            form["grant_type"] = grant;
        }

        var (status, body) = await PostFormAsync(form);

        Assert.Equal(400, status);
        Assert.Equal("BXNIM0109E", body["errorCode"]!.GetValue<string>());
        Assert.Contains($"'{missing}'", body["errorDetails"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_UnsupportedGrantType_Answers400()
    {
        var (status, body) = await PostFormAsync(new() { ["grant_type"] = "password", ["apikey"] = SandboxIksDefaults.ApiKey });

        Assert.Equal(400, status);
        Assert.Contains("grant", body["errorMessage"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task IksCall_TokenSignedByAnotherKey_Answers401WithA0003()
    {
        var token = await Sandbox.TokenAsync();
        var parts = token.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + new string('A', parts[2].Length);

        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Get, "/v2/getCluster?cluster=sandbox", token: forged);

        Assert.Equal(401, status);
        Assert.Equal("A0003", body!["code"]!.GetValue<string>());
        Assert.Equal("Authentication", body["type"]!.GetValue<string>());
        Assert.NotNull(body["incidentID"]);
    }

    [Fact]
    public async Task IksCall_NoAuthorizationHeader_Answers401()
    {
        using var response = await Sandbox.Http.GetAsync(Sandbox.Simulator.BaseAddress + "/v2/getCluster?cluster=sandbox");

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("A0003", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
    }

    private async Task<(int Status, JsonNode Body)> PostFormAsync(Dictionary<string, string> form)
    {
        using var response = await Sandbox.Http.PostAsync(Sandbox.Simulator.IamTokenUrl, new FormUrlEncodedContent(form));
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
