using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Clock;
using Dashboard.Sandbox.Iks;
using Dashboard.Testing;

namespace Dashboard.Sandbox.Tests.Iks;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task FaultsEndpoint_FailNext_AnswersScripted503WithRetryAfterThenRecovers()
    {
        await using var sandbox = await IksSandbox.StartAsync();
        var token = await sandbox.TokenAsync();
        var posted = await PostFaultsAsync(sandbox, """{"retryAfterSeconds":2,"failNext":{"status":503,"count":2}}""");
        Assert.Equal(2, posted["pendingScriptedFailures"]!.GetValue<int>());

        var first = await sandbox.CallAsync(HttpMethod.Get, "/v2/getCluster?cluster=sandbox", token: token);
        var second = await sandbox.CallAsync(HttpMethod.Get, "/v2/getCluster?cluster=sandbox", token: token);
        var third = await sandbox.CallAsync(HttpMethod.Get, "/v2/getCluster?cluster=sandbox", token: token);

        Assert.Equal([503, 503, 200], new[] { first.Status, second.Status, third.Status });
        Assert.Equal(TimeSpan.FromSeconds(2), first.Response.Headers.RetryAfter!.Delta);
        Assert.NotNull(first.Body!["incidentID"]);
        Assert.Equal(3, sandbox.Simulator.Requests["v2.getCluster"]);
    }

    [Fact]
    public async Task Rates_WithRateOne_EveryIksRequestFails_AndZeroRatesAreDeterministic()
    {
        await using var sandbox = await IksSandbox.StartAsync(configure: o => o.Faults = new SandboxIksFaultOptions { Rate429 = 1 });
        var token = await sandbox.TokenAsync();

        var limited = await sandbox.CallAsync(HttpMethod.Get, "/v2/nlb-dns/getNlbDNSList?cluster=sandbox", token: token);
        Assert.Equal(429, limited.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), limited.Response.Headers.RetryAfter!.Delta);

        await PostFaultsAsync(sandbox, """{"rate429":0}""");
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(200, (await sandbox.CallAsync(HttpMethod.Get, "/v2/nlb-dns/getNlbDNSList?cluster=sandbox", token: token)).Status);
        }
    }

    [Fact]
    public async Task IamOutage_TokenRequestsAnswer503_UntilCleared()
    {
        await using var sandbox = await IksSandbox.StartAsync();
        sandbox.Simulator.Faults.Set(new SandboxIksFaultOptions { IamOutage = true });

        using var down = await sandbox.Http.PostAsync(sandbox.Simulator.IamTokenUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "urn:ibm:params:oauth:grant-type:apikey", ["apikey"] = SandboxIksDefaults.ApiKey }));
        Assert.Equal(503, (int)down.StatusCode);
        Assert.NotNull(JsonNode.Parse(await down.Content.ReadAsStringAsync())!["errorCode"]);

        sandbox.Simulator.Faults.Reset();
        Assert.NotEmpty(await sandbox.TokenAsync());
    }

    [Fact]
    public async Task StuckCreating_KeepsRegistrationsCreating_UntilTurnedOff()
    {
        var clock = new SandboxClock();
        await using var sandbox = await IksSandbox.StartAsync(clock);
        await PostFaultsAsync(sandbox, """{"stuckCreating":true}""");
        var (_, created, _) = await sandbox.CallAsync(HttpMethod.Post, "/v1/nlb-dns/clusters/sandbox/register", new { nlbIPArray = new[] { "169.46.63.1" } });
        var host = created!["nlbHost"]!.GetValue<string>();

        // Well past the issue delay, a pass still leaves it creating.
        clock.Advance(TimeSpan.FromMinutes(10));
        await sandbox.Simulator.RunLifecycleAsync(CancellationToken.None);
        Assert.Equal("creating", Status(await sandbox.ListAsync(), host));

        await PostFaultsAsync(sandbox, """{"stuckCreating":false}""");

        await Poll.UntilAsync(async () => Status(await sandbox.ListAsync(), host), s => s == "created", "the registration to proceed");
    }

    [Fact]
    public async Task RegenerateLimit_SetToOne_SecondRegenerationIsRateLimited()
    {
        await using var sandbox = await IksSandbox.StartAsync(configure: o => o.Faults.RegenerateDailyLimit = 1);
        var host = sandbox.Simulator.Clusters.Single(c => c.Name == "sandbox").IngressSubdomain;

        await sandbox.CallAsync(HttpMethod.Post, "/v2/nlb-dns/regenerateCert", new { cluster = "sandbox", subdomain = host });
        Assert.Equal("regenerating", Status(await sandbox.ListAsync(), host));
        await sandbox.CallAsync(HttpMethod.Post, "/v2/nlb-dns/regenerateCert", new { cluster = "sandbox", subdomain = host });

        Assert.Equal("rate_limited", Status(await sandbox.ListAsync(), host));
    }

    [Theory]
    [InlineData("""{"rate503":1.5}""", "rate503")]
    [InlineData("""{"rate429":0.6,"rate500":0.6}""", "exceed 1")]
    [InlineData("""{"bogus":true}""", "bogus")]
    [InlineData("""{"failNext":{"count":2}}""", "status")]
    [InlineData("""{"iamOutage":"yes"}""", "iamOutage")]
    public async Task FaultsEndpoint_BadValue_Answers400AndChangesNothing(string json, string named)
    {
        await using var sandbox = await IksSandbox.StartAsync();

        using var response = await sandbox.Http.PostAsync(sandbox.Simulator.FaultsUrl, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var current = sandbox.Simulator.Faults.Current;
        Assert.Equal((0d, 0d, 0d, false), (current.Rate429, current.Rate500, current.Rate503, current.IamOutage));
    }

    [Theory]
    [InlineData("""{"rate503":0.5,"iamOutage":true,"failNext":{"status":200}}""", "429, 500, 502, 503 or 504")]
    [InlineData("""{"rate503":0.5,"iamOutage":true,"failNext":{"status":"503"}}""", "failNext.status")]
    [InlineData("""{"rate503":0.5,"iamOutage":true,"failNext":{"status":503,"count":0}}""", "count")]
    [InlineData("""{"rate503":0.5,"iamOutage":true,"failNext":{"status":503,"count":"two"}}""", "failNext.count")]
    [InlineData("""{"rate503":0.5,"iamOutage":true,"failNext":{"status":503,"endpoint":7}}""", "failNext.endpoint")]
    [InlineData("""{"rate503":0.5,"iamOutage":true,"failNext":{"status":503,"times":2}}""", "failNext.times")]
    [InlineData("""{"rate503":0.5,"iamOutage":true,"failNext":503}""", "status")]
    public async Task FaultsEndpoint_ValidRatesWithABadFailNext_Answers400AndLeavesTheFaultsInForce(string json, string named)
    {
        await using var sandbox = await IksSandbox.StartAsync();
        var before = await PostFaultsAsync(sandbox, """{"rate429":0.25,"retryAfterSeconds":3}""");

        using var response = await sandbox.Http.PostAsync(sandbox.Simulator.FaultsUrl, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var current = sandbox.Simulator.Faults.Current;
        Assert.Equal((0.25, 0d, 0d, false, 3), (current.Rate429, current.Rate500, current.Rate503, current.IamOutage, current.RetryAfterSeconds));
        Assert.Equal(0, sandbox.Simulator.Faults.PendingScripted);
        using var after = await sandbox.Http.GetAsync(sandbox.Simulator.FaultsUrl);
        Assert.Equal(before.ToJsonString(), JsonNode.Parse(await after.Content.ReadAsStringAsync())!.ToJsonString());
    }

    private static async Task<JsonNode> PostFaultsAsync(IksSandbox sandbox, string json)
    {
        using var response = await sandbox.Http.PostAsync(sandbox.Simulator.FaultsUrl, new StringContent(json, Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body;
    }

    private static string Status(JsonArray list, string host) =>
        list.Single(e => e!["nlbHost"]!.GetValue<string>() == host)!["nlbSslSecretStatus"]!.GetValue<string>();
}
