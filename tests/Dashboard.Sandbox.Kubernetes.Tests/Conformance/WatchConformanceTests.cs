using System.Collections.Concurrent;
using Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.Kubernetes.Tests.Conformance;

[Collection(ConformanceCollection.Name)]
public sealed class WatchConformanceTests(ClusterFixture cluster) : IAsyncLifetime
{
    private readonly IKubernetes _client = cluster.CreateClient();
    private TestNamespace _ns = null!;

    public async Task InitializeAsync() => _ns = await TestNamespace.CreateAsync(_client, "conf-watch");

    public async Task DisposeAsync() => await _ns.DisposeAsync();

    [Fact]
    public async Task Watch_FromListVersion_SeesAddedModifiedDeletedInOrder()
    {
        var list = await _client.CoreV1.ListNamespacedSecretAsync(_ns.Name);
        var events = new ConcurrentQueue<(WatchEventType Type, string Name, string Value)>();
        using var watcher = _client.CoreV1.WatchListNamespacedSecret(_ns.Name, resourceVersion: list.Metadata.ResourceVersion, onEvent: (type, secret) =>
            events.Enqueue((type, secret.Metadata.Name, secret.Data is { } d && d.TryGetValue("k", out var v) ? System.Text.Encoding.UTF8.GetString(v) : string.Empty)));

        await _client.CoreV1.CreateNamespacedSecretAsync(CrudConformanceTests.Secret("w1", ("k", "1")), _ns.Name);
        await _client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("{\"stringData\":{\"k\":\"2\"}}", V1Patch.PatchType.MergePatch), "w1", _ns.Name);
        await _client.CoreV1.DeleteNamespacedSecretAsync("w1", _ns.Name);

        await Eventually.UntilAsync(() => Task.FromResult(events.Count >= 3), "three watch events");
        Assert.Equal(
            [(WatchEventType.Added, "w1", "1"), (WatchEventType.Modified, "w1", "2"), (WatchEventType.Deleted, "w1", "2")],
            events.Take(3).ToArray());
    }

    [Fact]
    public async Task WatchAsync_WithoutResourceVersion_StartsWithSyntheticAdded()
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(CrudConformanceTests.ConfigMap("pre", ("w", "x")), _ns.Name);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<(WatchEventType, string)>();
        await foreach (var (type, item) in _client.CoreV1.WatchListNamespacedConfigMapAsync(_ns.Name, labelSelector: "w=x", cancellationToken: cts.Token))
        {
            seen.Add((type, item.Metadata.Name));
            if (seen.Count == 1)
            {
                await _client.CoreV1.CreateNamespacedConfigMapAsync(CrudConformanceTests.ConfigMap("post", ("w", "x")), _ns.Name);
            }
            else
            {
                break;
            }
        }

        Assert.Equal([(WatchEventType.Added, "pre"), (WatchEventType.Added, "post")], seen);
    }

    [Fact]
    public async Task Watch_LabelChangeOutOfSelector_IsDeletedForThatWatcher()
    {
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(CrudConformanceTests.ConfigMap("moving", ("sel", "in")), _ns.Name);
        var events = new ConcurrentQueue<WatchEventType>();
        using var watcher = _client.CoreV1.WatchListNamespacedConfigMap(_ns.Name, labelSelector: "sel=in", resourceVersion: created.Metadata.ResourceVersion, onEvent: (type, _) => events.Enqueue(type));
        await _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"labels\":{\"sel\":\"out\"}}}", V1Patch.PatchType.MergePatch), "moving", _ns.Name);
        await Eventually.UntilAsync(() => Task.FromResult(!events.IsEmpty), "an event for the label change");
        Assert.Equal(WatchEventType.Deleted, events.First());
    }

    [Fact]
    public async Task Watch_TooOldResourceVersion_EndsWithExpiredError()
    {
        Exception? error = null;
        using var watcher = _client.CoreV1.WatchListNamespacedSecret(_ns.Name, resourceVersion: "1", onEvent: (_, _) => { }, onError: e => error ??= e);
        await Eventually.UntilAsync(() => Task.FromResult(error is not null), "the watch error");
        var status = Assert.IsType<KubernetesException>(error).Status;
        Assert.Equal(410, status.Code);
        Assert.Equal("Expired", status.Reason);
    }
}
