using Dashboard.Sandbox.DataPlane;
using Dashboard.Sandbox.Networking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Sandbox.Tests.DataPlane.Units;

public sealed class DataPlaneSetupTests
{
    [Fact]
    public void Validator_SeveralBadSettings_ReportsEveryProblemAtOnce()
    {
        var problems = SandboxDataPlaneOptionsValidator.Problems(new SandboxDataPlaneOptions
        {
            ListenAddress = "localhost",
            AlbPublicIp = "not-an-ip",
            GatewayPort = 8443,
            AlbPort = 8443,
            GatewayPodSelector = "istio",
            UpstreamConnectTimeout = TimeSpan.Zero,
        });

        Assert.Equal(5, problems.Count);
        Assert.All(problems, p => Assert.StartsWith("Sandbox:DataPlane:", p, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ListenAddress 'localhost'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("both 8443", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddSandboxDataPlane_FromConfiguration_BindsOptionsAndExposesTheEndpointMap()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:DataPlane:AlbPublicIp"] = "169.46.52.99",
            ["Sandbox:DataPlane:EnforceClientAuthEku"] = "false",
        }).Build();
        await using var provider = new ServiceCollection().AddLogging().AddSandboxDataPlane(configuration).BuildServiceProvider();

        var plane = provider.GetRequiredService<SandboxDataPlane>();

        Assert.Equal("169.46.52.99", plane.AlbPublicAddress.ToString());
        Assert.False(provider.GetRequiredService<IOptions<SandboxDataPlaneOptions>>().Value.EnforceClientAuthEku);
        Assert.Same(plane.EndpointMap, provider.GetRequiredService<ISandboxEndpointMap>());
        Assert.Null(plane.EndpointMap.Resolve("169.46.52.99", 443));
    }

    [Fact]
    public async Task AddSandboxDataPlane_InvalidOptions_FailOnStartValidation()
    {
        await using var provider = new ServiceCollection().AddLogging().AddSandboxDataPlane(configure: o => o.ListenAddress = "nowhere").BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<SandboxDataPlane>());

        Assert.Contains("ListenAddress 'nowhere'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_MissingKubeconfig_SaysWhatToDoAndStaysStopped()
    {
        await using var plane = new SandboxDataPlane(new SandboxDataPlaneOptions());

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => plane.StartAsync("/nonexistent/kubeconfig", CancellationToken.None));

        Assert.Contains("start the sandbox Kubernetes API first or set Sandbox:Kubernetes:Kubeconfig", exception.Message, StringComparison.Ordinal);
        Assert.False(plane.IsRunning);
        Assert.Null(plane.GatewayEndpoint);
    }

    [Fact]
    public async Task StartAsync_KubeconfigPointingNowhere_SaysTheClusterCannotBeReadAndStaysStopped()
    {
        var directory = Directory.CreateTempSubdirectory("dataplane-kubeconfig-");
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var kubeconfig = Path.Combine(directory.FullName, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, $"""
                apiVersion: v1
                kind: Config
                clusters:
                - name: nowhere
                  cluster:
                    server: https://127.0.0.1:{port}
                    insecure-skip-tls-verify: true
                contexts:
                - name: nowhere
                  context:
                    cluster: nowhere
                    user: nobody
                current-context: nowhere
                users:
                - name: nobody
                  user:
                    token: not-a-real-token
                """);
            await using var plane = new SandboxDataPlane(new SandboxDataPlaneOptions { InitialSyncTimeout = TimeSpan.FromSeconds(5) });

            var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => plane.StartAsync(kubeconfig, CancellationToken.None));

            Assert.Contains($"cannot read the cluster at https://127.0.0.1:{port}", exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("not-a-real-token", exception.Message, StringComparison.Ordinal);
            Assert.False(plane.IsRunning);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
