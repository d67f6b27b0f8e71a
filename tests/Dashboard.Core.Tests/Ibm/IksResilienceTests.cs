using System.Diagnostics;
using Dashboard.Core.Ibm;
using Dashboard.Sandbox.Iks;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Ibm;

/// <summary>Retries with back-off for 429/5xx/network errors on idempotent calls only, honouring Retry-After; clear errors when they give up.</summary>
[Collection(IbmSimulatorCollection.Name)]
public sealed class IksResilienceTests(IbmSimulatorFixture fixture) : IDisposable
{
    private readonly ServiceProvider _services = fixture.Services();

    private IIksClient Client => _services.GetRequiredService<IIksClient>();

    private SandboxIksSimulator Simulator => fixture.Simulator;

    public void Dispose()
    {
        Simulator.Faults.Reset();
        _services.Dispose();
    }

    [Fact]
    public async Task Injected503s_AreRetried_AndTheCallSucceeds()
    {
        await WarmTokenAsync();
        Simulator.Faults.Set(new SandboxIksFaultOptions { RetryAfterSeconds = 0 });
        Simulator.Faults.FailNext(503, count: 2, endpoint: "v2.getCluster");
        var before = Simulator.Requests;

        var result = await Client.GetClusterAsync(IbmSimulatorFixture.SandboxKey, "sandbox");

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(3, Simulator.Requests.Since(before)["v2.getCluster"]);
    }

    [Fact]
    public async Task Injected429s_AreRetriedAfterTheRetryAfterWait()
    {
        await WarmTokenAsync();
        Simulator.Faults.Set(new SandboxIksFaultOptions { RetryAfterSeconds = 1 });
        Simulator.Faults.FailNext(429, count: 1, endpoint: "v2.nlb-dns.getNlbDNSList");
        var before = Simulator.Requests;
        var watch = Stopwatch.StartNew();

        var result = await Client.ListNlbDnsAsync(IbmSimulatorFixture.SandboxKey, "sandbox");

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(2, Simulator.Requests.Since(before)["v2.nlb-dns.getNlbDNSList"]);

        // The back-off alone would be ~10 ms; the server asked for a second.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {watch.Elapsed}");
    }

    [Fact]
    public async Task PersistentFailures_GiveUpAfterTheRetryBudget_WithAClearError()
    {
        await WarmTokenAsync();
        Simulator.Faults.Set(new SandboxIksFaultOptions { RetryAfterSeconds = 0 });
        Simulator.Faults.FailNext(500, count: 10, endpoint: "v2.getCluster");
        var before = Simulator.Requests;

        var result = await Client.GetClusterAsync(IbmSimulatorFixture.SandboxKey, "sandbox");

        var error = result.Error!;
        Assert.Equal((IksErrorKind.ServerError, 500, 4), (error.Kind, error.HttpStatus, error.Attempts));
        Assert.Contains("after 4 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("cluster 'sandbox'", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.IncidentId!, error.Remedy, StringComparison.Ordinal);
        Assert.Equal(4, Simulator.Requests.Since(before)["v2.getCluster"]);
    }

    [Fact]
    public async Task NonIdempotentPost_IsNotRetried()
    {
        await WarmTokenAsync();
        var host = Simulator.Clusters.Single(c => c.Name == "sandbox").IngressSubdomain;
        Simulator.Faults.FailNext(503, count: 1, endpoint: "v2.nlb-dns.regenerateCert");
        var before = Simulator.Requests;

        var result = await Client.RegenerateCertificateAsync(IbmSimulatorFixture.SandboxKey, "sandbox", host);

        Assert.Equal((IksErrorKind.ServerError, 503, 1), (result.Error!.Kind, result.Error.HttpStatus, result.Error.Attempts));
        Assert.Equal(1, Simulator.Requests.Since(before)["v2.nlb-dns.regenerateCert"]);
    }

    [Fact]
    public async Task NonIdempotentRegister_IsNotRetried()
    {
        await WarmTokenAsync();
        Simulator.Faults.FailNext(500, count: 1, endpoint: "v1.nlb-dns.register");
        var before = Simulator.Requests;

        var result = await Client.RegisterClassicNlbDnsAsync(IbmSimulatorFixture.SandboxKey, "sandbox", ["169.46.72.1"]);

        Assert.Equal(IksErrorKind.ServerError, result.Error!.Kind);
        Assert.Equal(1, Simulator.Requests.Since(before)["v1.nlb-dns.register"]);
    }

    [Fact]
    public async Task RetryAfterLongerThanAllowed_GivesUpAtOnce_SayingWhenToTryAgain()
    {
        await WarmTokenAsync();
        Simulator.Faults.Set(new SandboxIksFaultOptions { RetryAfterSeconds = 120 });
        Simulator.Faults.FailNext(429, count: 1, endpoint: "v2.getCluster");
        var before = Simulator.Requests;

        var result = await Client.GetClusterAsync(IbmSimulatorFixture.SandboxKey, "sandbox");

        var error = result.Error!;
        Assert.Equal((IksErrorKind.RateLimited, 429, TimeSpan.FromSeconds(120)), (error.Kind, error.HttpStatus, error.RetryAfter));
        Assert.Contains("Wait 2 minutes", error.Remedy, StringComparison.Ordinal);
        Assert.Equal(1, Simulator.Requests.Since(before)["v2.getCluster"]);
    }

    [Fact]
    public async Task IamFailure_IsRetriedLikeAnyIdempotentCall()
    {
        Simulator.Faults.Set(new SandboxIksFaultOptions { RetryAfterSeconds = 0 });
        Simulator.Faults.FailNext(503, count: 1, endpoint: SandboxIksFaultInjector.IamEndpoint);
        var before = Simulator.Requests;

        var result = await Client.GetClusterAsync(IbmSimulatorFixture.SandboxKey, "sandbox");

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(2, Simulator.Requests.Since(before).Iam);
    }

    [Fact]
    public async Task IamOutage_IsAServerErrorNamingIam()
    {
        Simulator.Faults.Set(new SandboxIksFaultOptions { IamOutage = true });
        using var services = fixture.Services(new Dictionary<string, string?> { ["Ibm:MaxRetries"] = "1" });

        var result = await services.GetRequiredService<IIksClient>().GetClusterAsync(IbmSimulatorFixture.SandboxKey, "sandbox");

        Assert.Equal((IksErrorKind.ServerError, 503, 2), (result.Error!.Kind, result.Error.HttpStatus, result.Error.Attempts));
        Assert.Contains("IAM", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionRefused_IsANetworkErrorAfterRetries()
    {
        using var services = fixture.Services(new Dictionary<string, string?> { ["Ibm:IamTokenUrl"] = "http://127.0.0.1:1/identity/token", ["Ibm:MaxRetries"] = "2" });

        var result = await services.GetRequiredService<IIksClient>().GetClusterAsync(IbmSimulatorFixture.SandboxKey, "sandbox");

        Assert.Equal((IksErrorKind.Network, 3), (result.Error!.Kind, result.Error.Attempts));
        Assert.Contains("127.0.0.1:1", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Ibm:ApiBaseUrl", result.Error.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowServer_IsATimeout()
    {
        await WarmTokenAsync();
        using var services = fixture.Services(new Dictionary<string, string?> { ["Ibm:AttemptTimeout"] = "00:00:00.200", ["Ibm:TotalTimeout"] = "00:00:00.700", ["Ibm:MaxRetries"] = "1" });
        var client = services.GetRequiredService<IIksClient>();
        (await client.GetClusterAsync(IbmSimulatorFixture.SandboxKey, "sandbox")).GetValueOrThrow();
        Simulator.Faults.Set(new SandboxIksFaultOptions { ExtraLatency = TimeSpan.FromSeconds(3) });

        var result = await client.GetClusterAsync(IbmSimulatorFixture.SandboxKey, "sandbox");

        Assert.Equal(IksErrorKind.Timeout, result.Error!.Kind);
        Assert.Contains("Ibm:AttemptTimeout", result.Error.Remedy, StringComparison.Ordinal);
    }

    private async Task WarmTokenAsync() => (await Client.GetClusterAsync(IbmSimulatorFixture.SandboxKey, "sandbox")).GetValueOrThrow();
}
