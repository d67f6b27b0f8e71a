using System.Net;
using System.Threading.Channels;
using Dashboard.Sandbox.DataPlane.Alb;
using Dashboard.Sandbox.DataPlane.Gateway;
using Dashboard.Sandbox.DataPlane.Watching;
using Dashboard.Sandbox.Networking;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Sandbox.DataPlane;

/// <summary>
/// The sandbox data plane: an Istio ingress gateway and an IKS ALB as real TLS listeners on loopback that enforce
/// what the bound cluster's Gateways, VirtualServices, Ingresses and secrets say. It reads the cluster only through
/// KubernetesClient and a kubeconfig (the sandbox API server's, or a real cluster's), and implements Istio's,
/// Envoy's and nginx's documented behaviour on its own: it shares no code with the dashboard's setup steps.
/// </summary>
public sealed class SandboxDataPlane : IAsyncDisposable
{
    private readonly SandboxDataPlaneOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private Running? _running;
    private int _disposed;
    private volatile DataPlaneState _state = DataPlaneState.Empty;

    /// <summary>Creates the data plane from options (DI); <paramref name="dns"/> resolves public names for <see cref="EndpointMap"/>.</summary>
    public SandboxDataPlane(IOptions<SandboxDataPlaneOptions> options, TimeProvider time, ILoggerFactory loggers, ISandboxDns? dns = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _loggers = loggers ?? throw new ArgumentNullException(nameof(loggers));
        _logger = loggers.CreateLogger<SandboxDataPlane>();
        var problems = SandboxDataPlaneOptionsValidator.Problems(_options);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(SandboxDataPlaneOptions.SectionName, typeof(SandboxDataPlaneOptions), problems);
        }

        AlbPublicAddress = IPAddress.Parse(_options.AlbPublicIp);
        EndpointMap = new DataPlaneEndpointMap(this, dns);
    }

    /// <summary>Creates the data plane directly (tests, tools).</summary>
    public SandboxDataPlane(SandboxDataPlaneOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null, ISandboxDns? dns = null)
        : this(Options.Create(options), time ?? TimeProvider.System, loggers ?? NullLoggerFactory.Instance, dns)
    {
    }

    /// <summary>Raised after the configuration was rebuilt from a cluster change (on a background thread).</summary>
    public event EventHandler? ConfigurationChanged;

    /// <summary>Whether the listeners are up.</summary>
    public bool IsRunning => _running is not null;

    /// <summary>Where the gateway listener accepts connections (null when stopped).</summary>
    public IPEndPoint? GatewayEndpoint => _running?.Gateway.Endpoint;

    /// <summary>Where the ALB listener accepts connections (null when stopped).</summary>
    public IPEndPoint? AlbEndpoint => _running?.Alb.Endpoint;

    /// <summary>The gateway's public IP: the istio-ingressgateway Service's <c>status.loadBalancer.ingress[0].ip</c>, when assigned.</summary>
    public IPAddress? GatewayPublicAddress => _state.GatewayPublicAddress;

    /// <summary>The gateway's load balancer host name (a VPC cluster's Service reports one instead of an IP), when assigned.</summary>
    public string? GatewayPublicHostname => _state.GatewayPublicHostname;

    /// <summary>The ALB's public IP (<see cref="SandboxDataPlaneOptions.AlbPublicIp"/>).</summary>
    public IPAddress AlbPublicAddress { get; }

    /// <summary>The ALB's load balancer host name on a VPC cluster (<see cref="SandboxDataPlaneOptions.AlbPublicHostname"/>).</summary>
    public string? AlbPublicHostname => _options.AlbPublicHostname;

    /// <summary>Public host name and port → loopback listener, for probes and <c>curl --resolve</c>.</summary>
    public ISandboxEndpointMap EndpointMap { get; }

    /// <summary>How many times the configuration was rebuilt (grows with every cluster change seen).</summary>
    public long ConfigurationVersion => _state.Version;

    internal DataPlaneState State => _state;

    /// <summary>
    /// Binds to the cluster behind <paramref name="kubeconfigPath"/> (current context), waits for the first list of
    /// every watched resource (at most <see cref="SandboxDataPlaneOptions.InitialSyncTimeout"/>), then opens the
    /// gateway and ALB listeners.
    /// </summary>
    /// <exception cref="ArgumentException">The kubeconfig does not exist or cannot be read.</exception>
    /// <exception cref="InvalidOperationException">The data plane is already running.</exception>
    public async Task StartAsync(string kubeconfigPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kubeconfigPath);
        if (!File.Exists(kubeconfigPath))
        {
            throw new ArgumentException($"The kubeconfig '{kubeconfigPath}' does not exist; start the sandbox Kubernetes API first or set Sandbox:Kubernetes:Kubeconfig to a readable file.", nameof(kubeconfigPath));
        }

        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_running is not null)
            {
                throw new InvalidOperationException("The sandbox data plane is already running; stop it before starting it again.");
            }

            KubernetesClientConfiguration configuration;
            try
            {
                configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new ArgumentException($"The kubeconfig '{kubeconfigPath}' cannot be used: {exception.Message}", nameof(kubeconfigPath), exception);
            }

            _running = await Running.StartAsync(this, new k8s.Kubernetes(configuration, new Http11Handler()), cancellationToken);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Closes the listeners and stops watching.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_running is { } running)
            {
                _running = null;
                await running.DisposeAsync();
                DataPlaneLog.Stopped(_logger);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>The host map and what is served, for <c>GET /api/sandbox</c>. Contains no key material.</summary>
    public DataPlaneDescription Describe() => DataPlaneDescriber.Describe(this, (DataPlaneEndpointMap)EndpointMap);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await StopAsync(CancellationToken.None);
        }
    }

    private void Rebuild(Running running)
    {
        var snapshot = running.Watch.Snapshot();
        var istio = snapshot.Apis.ResolveIstio(_options.IstioProfile);
        var alb = snapshot.Apis.ResolveAlb(_options.AlbFlavour);
        var gateway = running.GatewayBuilder.Build(snapshot, istio);
        var albConfig = running.AlbBuilder.Build(snapshot, alb, gateway.Ready);
        var service = snapshot.Service(_options.GatewayNamespace, _options.GatewayServiceName);
        var ingress = service?.Status?.LoadBalancer?.Ingress?.FirstOrDefault();
        _state = new DataPlaneState(_state.Version + 1, istio, alb, gateway, albConfig,
            IPAddress.TryParse(ingress?.Ip, out var address) ? address : null, running.Workload.Generation, running.Workload.StaleMounts(snapshot))
        {
            GatewayPublicHostname = ingress?.Hostname is { Length: > 0 } hostname ? hostname : null,
        };
        ConfigurationChanged?.Invoke(this, EventArgs.Empty);
    }

    private async Task RebuildLoopAsync(Running running, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in _dirty.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    Rebuild(running);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    DataPlaneLog.RebuildFailed(_logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Everything that exists while the data plane runs.</summary>
    private sealed class Running : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;

        private Running(SandboxDataPlane plane, IKubernetes client)
        {
            var options = plane._options;
            var logger = plane._loggers.CreateLogger("Dashboard.Sandbox.DataPlane");
            Client = client;
            Watch = new ClusterWatch(client, plane._time, logger);
            Workload = new GatewayWorkload(options, plane._time, logger);
            GatewayBuilder = new GatewayConfigBuilder(options, Workload, new GatewayCredentials(options, Workload, logger), new UpstreamResolver(options), logger);
            AlbBuilder = new AlbConfigBuilder(options, plane._time, logger);
            Gateway = new GatewayListener(options, () => plane._state.Gateway, plane._time, plane._loggers);
            Alb = new AlbListener(options, () => plane._state.Alb, () => Gateway.Endpoint, plane._time, plane._loggers);
        }

        public IKubernetes Client { get; }

        public ClusterWatch Watch { get; }

        public GatewayWorkload Workload { get; }

        public GatewayConfigBuilder GatewayBuilder { get; }

        public AlbConfigBuilder AlbBuilder { get; }

        public GatewayListener Gateway { get; }

        public AlbListener Alb { get; }

        public static async Task<Running> StartAsync(SandboxDataPlane plane, IKubernetes client, CancellationToken cancellationToken)
        {
            var running = new Running(plane, client);
            try
            {
                running.Watch.Changed += () => plane._dirty.Writer.TryWrite(true);
                await running.Watch.StartAsync(plane._options.InitialSyncTimeout, cancellationToken);
                plane.Rebuild(running);
                await running.Gateway.StartAsync(cancellationToken);
                await running.Alb.StartAsync(cancellationToken);
                running._loop = plane.RebuildLoopAsync(running, running._stop.Token);
                DataPlaneLog.Running(
                    plane._logger,
                    running.Gateway.Endpoint, plane._state.IstioProfile, running.Alb.Endpoint, plane._state.AlbFlavour);
                return running;
            }
            catch
            {
                await running.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            await Gateway.StopAsync();
            await Alb.DisposeAsync();
            await Watch.DisposeAsync();
            Client.Dispose();
            _stop.Dispose();
        }
    }
}

/// <summary>The data plane's configuration at one moment (swapped atomically).</summary>
internal sealed record DataPlaneState(
    long Version,
    DataPlaneIstioProfile IstioProfile,
    DataPlaneAlbFlavour AlbFlavour,
    GatewayConfig Gateway,
    AlbConfig Alb,
    IPAddress? GatewayPublicAddress,
    int GatewayGeneration,
    IReadOnlyList<string> StaleMountedSecrets)
{
    /// <summary>The gateway Service's load balancer host name (VPC), when it reports one.</summary>
    public string? GatewayPublicHostname { get; init; }

    public static DataPlaneState Empty { get; } = new(0, DataPlaneIstioProfile.Auto, DataPlaneAlbFlavour.Auto, GatewayConfig.Empty, AlbConfig.Empty, null, 0, []);
}
