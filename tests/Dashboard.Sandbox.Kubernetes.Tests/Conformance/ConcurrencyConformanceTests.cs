using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;
using Dashboard.Testing;
using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.Kubernetes.Tests.Conformance;

/// <summary>Parallel writers and a watcher: every change is seen once, in resourceVersion order.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class ConcurrencyConformanceTests(ClusterFixture cluster) : IAsyncLifetime
{
    private const int Workers = 6;
    private const int PerWorker = 15;

    private readonly IKubernetes _client = cluster.CreateClient();
    private TestNamespace _ns = null!;

    public async Task InitializeAsync() => _ns = await TestNamespace.CreateAsync(_client, "conf-par");

    public async Task DisposeAsync() => await _ns.DisposeAsync();

    [Fact]
    public async Task ParallelWriters_WatchSeesEveryChangeInResourceVersionOrder()
    {
        // Only the workers' objects: real clusters add their own (kube-root-ca.crt) to every namespace.
        var start = await _client.CoreV1.ListNamespacedConfigMapAsync(_ns.Name, labelSelector: "worker");
        var events = new ConcurrentQueue<(WatchEventType Type, string Name, long Version)>();
        using var watcher = _client.CoreV1.WatchListNamespacedConfigMap(_ns.Name, labelSelector: "worker", resourceVersion: start.Metadata.ResourceVersion,
            onEvent: (type, cm) => events.Enqueue((type, cm.Metadata.Name, long.Parse(cm.Metadata.ResourceVersion, CultureInfo.InvariantCulture))));

        await Parallel.ForEachAsync(Enumerable.Range(0, Workers), async (worker, ct) =>
        {
            for (var i = 0; i < PerWorker; i++)
            {
                var name = $"w{worker}-{i}";
                await _client.CoreV1.CreateNamespacedConfigMapAsync(CrudConformanceTests.ConfigMap(name, ("worker", worker.ToString(CultureInfo.InvariantCulture))), _ns.Name, cancellationToken: ct);
                await _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"step\":\"patched\"}}", V1Patch.PatchType.StrategicMergePatch), name, _ns.Name, cancellationToken: ct);
                var mine = await _client.CoreV1.ListNamespacedConfigMapAsync(_ns.Name, labelSelector: $"worker={worker}", cancellationToken: ct);
                Assert.Contains(mine.Items, m => m.Metadata.Name == name && m.Data["step"] == "patched");
                await _client.CoreV1.DeleteNamespacedConfigMapAsync(name, _ns.Name, cancellationToken: ct);
            }
        });

        const int expected = Workers * PerWorker * 3;
        await Poll.UntilAsync(() => Task.FromResult(events.Count >= expected), "every watch event", TimeSpan.FromSeconds(60));
        var seen = events.ToArray();
        Assert.Equal(expected, seen.Length);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.Version < p.Second.Version), "resourceVersions increase along the watch");
        foreach (var group in seen.GroupBy(e => e.Name))
        {
            Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], group.Select(e => e.Type));
        }

        Assert.Empty((await _client.CoreV1.ListNamespacedConfigMapAsync(_ns.Name, labelSelector: "worker")).Items);
    }
}
