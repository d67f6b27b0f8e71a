using System.Collections.Concurrent;
using Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;
using Dashboard.Testing;
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

        await Poll.UntilAsync(() => Task.FromResult(events.Count >= 3), "three watch events");
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

    /// <remarks>
    /// A consistent watch-list (the WatchList feature: beta and on by default since Kubernetes 1.32): the current
    /// objects as ADDED, then a BOOKMARK annotated <c>k8s.io/initial-events-end</c>, then live changes.
    /// </remarks>
    [Fact]
    public async Task Watch_SendInitialEvents_EndsInitialStateWithAnnotatedBookmark()
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(CrudConformanceTests.ConfigMap("init-a", ("wl", "yes")), _ns.Name);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(CrudConformanceTests.ConfigMap("init-b", ("wl", "yes")), _ns.Name);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var initial = new List<(WatchEventType, string)>();
        V1ConfigMap? bookmark = null;
        string? live = null;
        await foreach (var (type, item) in _client.CoreV1.WatchListNamespacedConfigMapAsync(
            _ns.Name, allowWatchBookmarks: true, labelSelector: "wl=yes", resourceVersionMatch: "NotOlderThan", sendInitialEvents: true, cancellationToken: cts.Token))
        {
            if (bookmark is null && type == WatchEventType.Bookmark)
            {
                bookmark = item;
                await _client.CoreV1.CreateNamespacedConfigMapAsync(CrudConformanceTests.ConfigMap("init-c", ("wl", "yes")), _ns.Name);
            }
            else if (bookmark is null)
            {
                initial.Add((type, item.Metadata.Name));
            }
            else if (type != WatchEventType.Bookmark)
            {
                // Later bookmarks (sent at the server's discretion) are not what this test is about.
                live = $"{type} {item.Metadata.Name}";
                break;
            }
        }

        Assert.Equal([(WatchEventType.Added, "init-a"), (WatchEventType.Added, "init-b")], initial.OrderBy(e => e.Item2, StringComparer.Ordinal));
        Assert.NotNull(bookmark);
        Assert.Equal("true", bookmark.Metadata.Annotations?["k8s.io/initial-events-end"]);
        Assert.False(string.IsNullOrEmpty(bookmark.Metadata.ResourceVersion));
        Assert.Equal("Added init-c", live);
    }

    [Fact]
    public async Task Watch_LabelChangeOutOfSelector_IsDeletedForThatWatcher()
    {
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(CrudConformanceTests.ConfigMap("moving", ("sel", "in")), _ns.Name);
        var events = new ConcurrentQueue<WatchEventType>();
        using var watcher = _client.CoreV1.WatchListNamespacedConfigMap(_ns.Name, labelSelector: "sel=in", resourceVersion: created.Metadata.ResourceVersion, onEvent: (type, _) => events.Enqueue(type));
        await _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"labels\":{\"sel\":\"out\"}}}", V1Patch.PatchType.MergePatch), "moving", _ns.Name);
        await Poll.UntilAsync(() => Task.FromResult(!events.IsEmpty), "an event for the label change");
        Assert.Equal(WatchEventType.Deleted, events.First());
    }

    [Fact]
    public async Task Watch_TooOldResourceVersion_EndsWithExpiredError()
    {
        Exception? error = null;
        using var watcher = _client.CoreV1.WatchListNamespacedSecret(_ns.Name, resourceVersion: "1", onEvent: (_, _) => { }, onError: e => error ??= e);
        await Poll.UntilAsync(() => Task.FromResult(error is not null), "the watch error");
        var status = Assert.IsType<KubernetesException>(error).Status;
        Assert.Equal(410, status.Code);
        Assert.Equal("Expired", status.Reason);
    }
}
