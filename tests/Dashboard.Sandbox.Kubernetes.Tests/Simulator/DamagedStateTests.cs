using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Storage;
using k8s;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.Kubernetes.Tests.Simulator;

/// <summary>State files that parse but cannot be loaded are set aside like unparseable ones, under names that never collide.</summary>
public sealed class DamagedStateTests
{
    /// <summary>A valid object first, then a bad one: nothing of the file may be loaded.</summary>
    private const string StateWithBadObject =
        "{\"formatVersion\":1,\"flavour\":\"Current\",\"resourceVersion\":\"5\",\"objects\":["
        + "{\"group\":\"\",\"resource\":\"configmaps\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"leftover\",\"namespace\":\"default\",\"uid\":\"u-1\",\"resourceVersion\":\"3\"}}},"
        + "{\"group\":\"\",\"resource\":\"configmaps\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"bad\",\"namespace\":\"default\",\"uid\":\"u-2\",\"resourceVersion\":RV}}}]}";

    [Theory]
    [InlineData("4")]
    [InlineData("\"four\"")]
    [InlineData("{\"v\":4}")]
    public async Task StateFile_ParseableWithWrongTypes_IsSetAsideAndClusterPreloaded(string resourceVersion)
    {
        var directory = Directory.CreateTempSubdirectory("k8s-wrongtypes-").FullName;
        try
        {
            var content = StateWithBadObject.Replace("RV", resourceVersion, StringComparison.Ordinal);
            WriteState(directory, content);
            await using var sim = await SimulatorHarness.StartAsync(dataDirectory: directory);

            var warning = Assert.Single(sim.Server.StartupWarnings);
            Assert.Contains("damaged", warning, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("resourceVersion", warning, StringComparison.Ordinal);
            var aside = Assert.Single(Directory.GetFiles(Path.Combine(directory, "sandbox"), "kubernetes-state-current.json.damaged-*"));
            Assert.Equal(content, await File.ReadAllTextAsync(aside));
            Assert.Single(sim.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("damaged", StringComparison.Ordinal));

            var client = sim.Client();
            Assert.NotEmpty((await client.CoreV1.ListNamespacedPodAsync("istio-system")).Items);
            Assert.DoesNotContain((await client.CoreV1.ListNamespacedConfigMapAsync("default")).Items, c => c.Metadata.Name is "leftover" or "bad");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task StateFile_DamagedTwiceAtTheSameTime_BothCopiesKept()
    {
        var directory = Directory.CreateTempSubdirectory("k8s-twice-").FullName;
        try
        {
            // The harness's fake clock starts at the same instant every time: both set-aside names share a timestamp.
            WriteState(directory, "{ first damage");
            await using (var first = await SimulatorHarness.StartAsync(dataDirectory: directory))
            {
                Assert.Single(first.Server.StartupWarnings);
            }

            WriteState(directory, "{ second damage");
            await using (var second = await SimulatorHarness.StartAsync(dataDirectory: directory))
            {
                Assert.Single(second.Server.StartupWarnings);
            }

            var asides = Directory.GetFiles(Path.Combine(directory, "sandbox"), "kubernetes-state-current.json.damaged-*");
            Assert.Equal(2, asides.Length);
            Assert.Equal(["{ first damage", "{ second damage"], asides.Select(File.ReadAllText).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ObjectStore_ReplaceAllWithABadObject_ThrowsAndKeepsWhatItHad()
    {
        var store = new ObjectStore();
        var configMaps = new GroupResource(string.Empty, "configmaps");
        store.ReplaceAll([(configMaps, ConfigMap("kept", "\"7\""))], 7);

        var error = Assert.Throws<InvalidDataException>(() => store.ReplaceAll([(configMaps, ConfigMap("new", "\"8\"")), (configMaps, ConfigMap("bad", "8"))], 9));

        Assert.Contains("default/bad", error.Message, StringComparison.Ordinal);
        Assert.Equal(["kept"], store.List(configMaps, null).Select(o => o.Name));
        Assert.Equal(7, store.ResourceVersion);
    }

    private static JsonObject ConfigMap(string name, string resourceVersion) =>
        JsonNode.Parse($"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"{name}\",\"namespace\":\"default\",\"uid\":\"uid-{name}\",\"resourceVersion\":{resourceVersion}}}}}")!.AsObject();

    private static void WriteState(string directory, string content)
    {
        Directory.CreateDirectory(Path.Combine(directory, "sandbox"));
        File.WriteAllText(Path.Combine(directory, "sandbox", "kubernetes-state-current.json"), content);
    }
}
