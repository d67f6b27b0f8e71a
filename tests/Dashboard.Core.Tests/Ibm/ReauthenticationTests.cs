using Dashboard.Core.Ibm;
using Dashboard.Sandbox.Clock;
using Dashboard.Sandbox.Iks;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Ibm;

public sealed class ReauthenticationTests
{
    [Fact]
    public async Task TokenExpiredByTheServersClock_IsReplacedOnceAndTheCallSucceeds()
    {
        var directory = Directory.CreateTempSubdirectory("ibm-reauth-").FullName;
        var clock = new SandboxClock();
        await using var simulator = new SandboxIksSimulator(IbmSimulatorFixture.SimulatorOptions(directory, kubeconfig: null), clock);
        await simulator.StartAsync(CancellationToken.None);
        using var services = IbmSimulatorFixture.Services(simulator);
        var client = services.GetRequiredService<IIksClient>();
        (await client.GetClusterAsync(IbmSimulatorFixture.SandboxKey, "sandbox")).GetValueOrThrow();

        // The sandbox clock jumps (as when a demo fast-forwards); the client's clock did not, so its cached token is refused.
        clock.Advance(TimeSpan.FromHours(2));
        var before = simulator.Requests;
        var result = await client.GetClusterAsync(IbmSimulatorFixture.SandboxKey, "sandbox");

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var delta = simulator.Requests.Since(before);
        Assert.Equal((2, 1), (delta["v2.getCluster"], delta.Iam));
        await simulator.StopAsync(CancellationToken.None);
        Directory.Delete(directory, recursive: true);
    }
}
