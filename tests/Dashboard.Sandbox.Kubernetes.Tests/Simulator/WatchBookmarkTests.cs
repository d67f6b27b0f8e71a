using System.Text.Json;
using Dashboard.Testing;
using k8s;

namespace Dashboard.Sandbox.Kubernetes.Tests.Simulator;

/// <summary>Watch details that need the sandbox clock or the raw response.</summary>
public sealed class WatchBookmarkTests
{
    [Fact]
    public async Task Watch_WithBookmarks_SendsBookmarkWhenTheIntervalPasses()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.BookmarkInterval = TimeSpan.FromSeconds(60));
        var client = sim.Client();
        var list = await client.CoreV1.ListNamespacedSecretAsync("default");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var events = client.CoreV1.WatchListNamespacedSecretAsync("default", allowWatchBookmarks: true, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        var next = events.MoveNextAsync().AsTask();
        await Poll.UntilAsync(() => Task.FromResult(sim.Server.Requests.Watch == 1), "the watch to be open");
        while (!next.IsCompleted)
        {
            sim.Time.Advance(TimeSpan.FromSeconds(61));
            await Task.WhenAny(next, Task.Delay(20, cts.Token));
        }

        Assert.True(await next);
        var (type, bookmark) = events.Current;
        Assert.Equal(WatchEventType.Bookmark, type);
        Assert.False(string.IsNullOrEmpty(bookmark.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task CustomResource_UnknownField_WarnsInWarningHeader()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var client = sim.Client();
        var body = new Dictionary<string, object>
        {
            ["apiVersion"] = "networking.istio.io/v1",
            ["kind"] = "Gateway",
            ["metadata"] = new Dictionary<string, object> { ["name"] = "warned" },
            ["spec"] = new Dictionary<string, object> { ["selector"] = new Dictionary<string, object> { ["istio"] = "ingressgateway" }, ["bogus"] = true },
        };
        using var response = await client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync(body, "networking.istio.io", "v1", "istio-system", "gateways");
        Assert.Contains(response.Response.Headers.GetValues("Warning"), w => w.Contains("unknown field \\\"spec.bogus\\\"", StringComparison.Ordinal));
        var stored = (JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync("networking.istio.io", "v1alpha3", "istio-system", "gateways", "warned");
        Assert.False(stored.GetProperty("spec").TryGetProperty("bogus", out _));
        Assert.Equal("networking.istio.io/v1alpha3", stored.GetProperty("apiVersion").GetString());
    }

    [Fact]
    public async Task Gateway_SchemaEnum_RejectsUnknownTlsMode()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var body = new Dictionary<string, object>
        {
            ["apiVersion"] = "networking.istio.io/v1",
            ["kind"] = "Gateway",
            ["metadata"] = new Dictionary<string, object> { ["name"] = "badmode" },
            ["spec"] = new Dictionary<string, object>
            {
                ["servers"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["port"] = new Dictionary<string, object> { ["number"] = 443, ["name"] = "https", ["protocol"] = "HTTPS" },
                        ["hosts"] = new[] { "a.example.com" },
                        ["tls"] = new Dictionary<string, object> { ["mode"] = "SOMETIMES" },
                    },
                },
            },
        };
        var (code, status) = await Infrastructure.ApiErrors.CaptureAsync(() => sim.Client().CustomObjects.CreateNamespacedCustomObjectAsync(body, "networking.istio.io", "v1", "istio-system", "gateways"));
        Assert.Equal(422, code);
        Assert.Contains("spec.servers[0].tls.mode", Infrastructure.ApiErrors.CauseFields(status));
    }
}
