using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.DataPlane.Watching;

/// <summary>
/// Watches what the data plane enforces, through KubernetesClient only (so a real cluster works too): secrets, pods,
/// services and Ingresses in all namespaces, and Istio Gateways and VirtualServices at whatever version the cluster
/// serves (discovered, re-discovered at every relist).
/// </summary>
internal sealed class ClusterWatch : IAsyncDisposable
{
    private const string IstioGroup = "networking.istio.io";
    private readonly IKubernetes _client;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly ResourceCache<V1Secret> _secrets;
    private readonly ResourceCache<V1Pod> _pods;
    private readonly ResourceCache<V1Service> _services;
    private readonly ResourceCache<V1Ingress> _ingresses;
    private readonly ResourceCache<IstioObject> _gateways;
    private readonly ResourceCache<IstioObject> _virtualServices;
    private readonly List<Task> _runs = [];
    private ClusterApis _apis = ClusterSnapshot.Empty.Apis;

    public ClusterWatch(IKubernetes client, TimeProvider time, ILogger logger)
    {
        _client = client;
        _logger = logger;
        _secrets = new(new("secrets",
            async ct => Listed(await client.CoreV1.ListSecretForAllNamespacesAsync(cancellationToken: ct)),
            (rv, ct) => client.CoreV1.WatchListSecretForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, cancellationToken: ct)), time, logger);
        _pods = new(new("pods",
            async ct => Listed(await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct)),
            (rv, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, cancellationToken: ct)), time, logger);
        _services = new(new("services",
            async ct => Listed(await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: ct)),
            (rv, ct) => client.CoreV1.WatchListServiceForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, cancellationToken: ct)), time, logger);
        _ingresses = new(new("ingresses",
            async ct => await NotFoundAsNullAsync(async () => Listed(await client.NetworkingV1.ListIngressForAllNamespacesAsync(cancellationToken: ct))),
            (rv, ct) => client.NetworkingV1.WatchListIngressForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, cancellationToken: ct)), time, logger);
        _gateways = new(IstioSource("gateways"), time, logger);
        _virtualServices = new(IstioSource("virtualservices"), time, logger);
        _secrets.Changed += OnChanged;
        _pods.Changed += OnChanged;
        _services.Changed += OnChanged;
        _ingresses.Changed += OnChanged;
        _gateways.Changed += OnChanged;
        _virtualServices.Changed += OnChanged;
    }

    /// <summary>Raised after any watched object changed.</summary>
    public event Action? Changed;

    /// <summary>Discovers the cluster's APIs, starts every watch and waits for their first lists (at most <paramref name="syncTimeout"/>).</summary>
    public async Task StartAsync(TimeSpan syncTimeout, CancellationToken cancellationToken)
    {
        try
        {
            _apis = await ClusterApis.DiscoverAsync(_client, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or HttpOperationException)
        {
            throw new InvalidOperationException(
                $"The data plane cannot read the cluster at {_client.BaseUri}: {exception.Message} Start the sandbox Kubernetes API first, or check the kubeconfig's server and credentials.", exception);
        }

        DataPlaneLog.Bound(
            _logger,
            _apis.NetworkingIstioVersion ?? "(not served)", _apis.ServesPeerAuthentication, string.Join(",", _apis.IngressClasses.Select(c => c.Name)));
        _runs.Add(_secrets.RunAsync(_stop.Token));
        _runs.Add(_pods.RunAsync(_stop.Token));
        _runs.Add(_services.RunAsync(_stop.Token));
        _runs.Add(_ingresses.RunAsync(_stop.Token));
        _runs.Add(_gateways.RunAsync(_stop.Token));
        _runs.Add(_virtualServices.RunAsync(_stop.Token));
        var synced = Task.WhenAll(_secrets.Synced, _pods.Synced, _services.Synced, _ingresses.Synced, _gateways.Synced, _virtualServices.Synced);
        var finished = await Task.WhenAny(synced, Task.Delay(syncTimeout, cancellationToken));
        if (finished != synced)
        {
            cancellationToken.ThrowIfCancellationRequested();
            DataPlaneLog.SyncSlow(_logger, syncTimeout);
        }
    }

    /// <summary>The current objects.</summary>
    public ClusterSnapshot Snapshot() => new(_apis, _secrets.Items, _pods.Items, _services.Items, _ingresses.Items, _gateways.Items, _virtualServices.Items);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_runs).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private void OnChanged() => Changed?.Invoke();

    private ResourceSource<IstioObject> IstioSource(string plural) => new(
        plural,
        async ct =>
        {
            var apis = await ClusterApis.DiscoverAsync(_client, ct);
            _apis = apis;
            if (apis.NetworkingIstioVersion is not { } version)
            {
                return null;
            }

            var list = await _client.CustomObjects.ListClusterCustomObjectAsync<IstioObjectList>(IstioGroup, version, plural, cancellationToken: ct);
            return (list.Items, list.Metadata?.ResourceVersion);
        },
        (rv, ct) => WatchIstioAsync(plural, rv, ct));

    private async IAsyncEnumerable<(WatchEventType, IstioObject)> WatchIstioAsync(string plural, string resourceVersion, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var version = _apis.NetworkingIstioVersion ?? throw new InvalidOperationException("networking.istio.io is no longer served");
        await foreach (var (type, item) in _client.CustomObjects.WatchListClusterCustomObjectAsync(IstioGroup, version, plural, allowWatchBookmarks: true, resourceVersion: resourceVersion, cancellationToken: cancellationToken))
        {
            var element = item is JsonElement json ? json : JsonSerializer.SerializeToElement(item);
            yield return (type, KubernetesJson.Deserialize<IstioObject>(element));
        }
    }

    private static (IReadOnlyList<T>, string?)? Listed<T>(IItems<T> list)
        where T : IKubernetesObject<V1ObjectMeta> => (list.Items.ToList(), (list as IMetadata<V1ListMeta>)?.Metadata?.ResourceVersion);

    private static async Task<(IReadOnlyList<T>, string?)?> NotFoundAsNullAsync<T>(Func<Task<(IReadOnlyList<T>, string?)?>> list)
    {
        try
        {
            return await list();
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
