namespace Dashboard.Sandbox.Tests.Iks;

public sealed class SmokeTests
{
    [Fact]
    public async Task Simulator_Start_ServesClusterAndList()
    {
        await using var sandbox = await IksSandbox.StartAsync();
        var (status, body, _) = await sandbox.CallAsync(HttpMethod.Get, "/v2/getCluster?cluster=sandbox");
        Assert.Equal(200, status);
        var list = await sandbox.ListAsync();
        Console.WriteLine(body!.ToJsonString());
        Console.WriteLine(list.ToJsonString());
        var secret = await sandbox.SecretAsync("default", body!["ingress"]!["secretName"]!.GetValue<string>());
        Assert.NotNull(secret);
    }
}
