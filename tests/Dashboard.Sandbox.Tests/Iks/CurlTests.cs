using System.Text.Json.Nodes;
using Dashboard.Sandbox.Iks;
using Dashboard.Testing;

namespace Dashboard.Sandbox.Tests.Iks;

/// <summary>The "done when": with the simulator running, curl and the sandbox API key get a token, the cluster and its nlb-dns list.</summary>
[Collection(IksSandboxCollection.Name)]
public sealed class CurlTests(IksSandboxFixture fixture)
{
    private SandboxIksSimulator Simulator => fixture.Sandbox.Simulator;

    [Fact]
    public async Task Curl_WithTheSandboxApiKey_GetsTokenClusterAndNlbDnsList()
    {
        var (tokenExit, tokenJson, tokenError) = await ExternalTool.RunAsync("curl", "-sS", "--fail-with-body",
            "-X", "POST", Simulator.IamTokenUrl.ToString(),
            "-H", "Content-Type: application/x-www-form-urlencoded",
            "-H", "Accept: application/json",
            "-d", $"grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey={Simulator.ApiKey}");
        Assert.True(tokenExit == 0, tokenError + tokenJson);
        var token = JsonNode.Parse(tokenJson)!["access_token"]!.GetValue<string>();

        var (clusterExit, clusterJson, clusterError) = await ExternalTool.RunAsync("curl", "-sS", "--fail-with-body",
            "-H", $"Authorization: Bearer {token}", $"{Simulator.BaseAddress}/v2/getCluster?cluster={SandboxIksDefaults.ClusterName}");
        Assert.True(clusterExit == 0, clusterError + clusterJson);
        var ingress = JsonNode.Parse(clusterJson)!["ingress"]!["hostname"]!.GetValue<string>();

        var (listExit, listJson, listError) = await ExternalTool.RunAsync("curl", "-sS", "--fail-with-body",
            "-H", $"Authorization: Bearer {token}", $"{Simulator.BaseAddress}/v2/nlb-dns/getNlbDNSList?cluster={SandboxIksDefaults.ClusterName}");
        Assert.True(listExit == 0, listError + listJson);
        Assert.Contains(JsonNode.Parse(listJson)!.AsArray(), e => e!["nlbHost"]!.GetValue<string>() == ingress && e["nlbSslSecretStatus"]!.GetValue<string>() == "created");
    }

    [Fact]
    public async Task Curl_WithoutToken_Gets401AndIbmsErrorBody()
    {
        var (exit, body, _) = await ExternalTool.RunAsync("curl", "-sS", "-w", "\n%{http_code}", $"{Simulator.BaseAddress}/v2/getCluster?cluster=sandbox");

        Assert.Equal(0, exit);
        var lines = body.Split('\n');
        Assert.Equal("401", lines[^1]);
        Assert.Equal("A0003", JsonNode.Parse(lines[0])!["code"]!.GetValue<string>());
    }
}
