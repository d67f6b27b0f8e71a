using System.Text;
using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.Kubernetes.Tests.Simulator;

/// <summary>Persistence, reset, kubeconfig and credentials, counters.</summary>
public sealed class ServerLifecycleTests
{
    [Fact]
    public async Task State_SurvivesRestart_AndKubeconfigStaysValid()
    {
        var directory = Directory.CreateTempSubdirectory("k8s-persist-").FullName;
        try
        {
            string caData;
            await using (var first = await SimulatorHarness.StartAsync(dataDirectory: directory))
            {
                await first.Client().CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "kept" }, StringData = new Dictionary<string, string> { ["a"] = "b" } }, "default");
                caData = CaData(first.Server.KubeconfigPath);
            }

            Assert.True(File.Exists(Path.Combine(directory, "sandbox", "kubernetes-state-current.json")));
            await using var second = await SimulatorHarness.StartAsync(dataDirectory: directory);
            Assert.Equal(caData, CaData(second.Server.KubeconfigPath));
            var kept = await second.Client().CoreV1.ReadNamespacedSecretAsync("kept", "default");
            Assert.Equal("b", Encoding.UTF8.GetString(kept.Data["a"]));
            Assert.Empty(second.Server.StartupWarnings);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task DamagedStateFile_IsSetAsideAndReported()
    {
        var directory = Directory.CreateTempSubdirectory("k8s-damaged-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "sandbox"));
            var state = Path.Combine(directory, "sandbox", "kubernetes-state-current.json");
            await File.WriteAllTextAsync(state, "{ this is not json");
            await using var sim = await SimulatorHarness.StartAsync(dataDirectory: directory);
            var warning = Assert.Single(sim.Server.StartupWarnings);
            Assert.Contains("damaged", warning, StringComparison.OrdinalIgnoreCase);
            var aside = Assert.Single(Directory.GetFiles(Path.Combine(directory, "sandbox"), "kubernetes-state-current.json.damaged-*"));
            Assert.Equal("{ this is not json", await File.ReadAllTextAsync(aside));
            Assert.Single(sim.Logs.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning && r.Message.Contains("damaged", StringComparison.Ordinal));
            Assert.NotEmpty((await sim.Client().CoreV1.ListNamespacedPodAsync("istio-system")).Items);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Reset_RestoresThePreloadedCluster()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.PodStartupDelay = TimeSpan.Zero);
        var client = sim.Client();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "scratch" } });
        await client.AppsV1.DeleteNamespacedDeploymentAsync("istiod", "istio-system");
        sim.Server.Reset();
        Assert.DoesNotContain((await client.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == "scratch");
        Assert.NotNull(await client.AppsV1.ReadNamespacedDeploymentAsync("istiod", "istio-system"));
    }

    [Fact]
    public async Task Counters_CountWritesPerVerb()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var client = sim.Client();
        var before = sim.Server.Requests;
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c1" } }, "default");
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"a\":\"b\"}}", V1Patch.PatchType.MergePatch), "c1", "default");
        await client.CoreV1.ReadNamespacedConfigMapAsync("c1", "default");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("c1", "default");
        var after = sim.Server.Requests;
        Assert.Equal(3, after.Writes - before.Writes);
        Assert.Equal(1, after.Create - before.Create);
        Assert.Equal(1, after.Patch - before.Patch);
        Assert.Equal(1, after.Delete - before.Delete);
        Assert.Equal(1, after.Get - before.Get);
    }

    [Fact]
    public async Task Token_NeverLogged_AndKeyFilesAreOwnerOnly()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var token = KubernetesClientConfiguration.BuildConfigFromConfigFile(sim.Server.KubeconfigPath).AccessToken;
        Assert.False(string.IsNullOrEmpty(token));
        await sim.Client().CoreV1.ListNamespaceAsync();
        Assert.DoesNotContain(sim.Logs.GetSnapshot(), r => r.Message.Contains(token, StringComparison.Ordinal));
        Assert.Contains(sim.Logs.GetSnapshot(), r => r.Message.Contains(sim.Server.KubeconfigPath, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in new[] { "kubeconfig", "kubernetes/token", "kubernetes/ca.key", "kubernetes/server.key" })
            {
                var mode = File.GetUnixFileMode(Path.Combine(sim.Server.SandboxDirectory, file));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
            }
        }
    }

    [Fact]
    public async Task Start_PortInUse_FailsWithAClearMessage()
    {
        await using var first = await SimulatorHarness.StartAsync();
        var directory = Directory.CreateTempSubdirectory("k8s-port-").FullName;
        try
        {
            await using var second = new SandboxKubernetesServer(new SandboxKubernetesOptions { DataDirectory = directory, Port = first.Server.BaseAddress.Port });
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync(CancellationToken.None));
            Assert.Contains("Sandbox:Kubernetes:Port", error.Message, StringComparison.Ordinal);
            Assert.False(second.IsRunning);
            Assert.NotEmpty((await first.Client().CoreV1.ListNamespaceAsync()).Items);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_WithoutDataDirectory_FailsNamingTheSetting()
    {
        await using var server = new SandboxKubernetesServer(new SandboxKubernetesOptions());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync(CancellationToken.None));
        Assert.Contains("Sandbox:Kubernetes:DataDirectory", error.Message, StringComparison.Ordinal);
    }

    private static string CaData(string kubeconfig) =>
        File.ReadAllLines(kubeconfig).Single(l => l.Contains("certificate-authority-data", StringComparison.Ordinal));
}
