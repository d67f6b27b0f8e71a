using System.Net;
using System.Text;
using Dashboard.Sandbox.Kubernetes.Cluster;
using Dashboard.Sandbox.Kubernetes.Controllers;
using Dashboard.Sandbox.Kubernetes.Persistence;
using Dashboard.Sandbox.Kubernetes.Registry;
using Dashboard.Sandbox.Kubernetes.Seed;
using Dashboard.Sandbox.Kubernetes.Server;
using Dashboard.Sandbox.Kubernetes.Storage;
using Dashboard.Sandbox.Kubernetes.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Sandbox.Kubernetes;

/// <summary>
/// The embedded Kubernetes API server: HTTPS on loopback with its own CA and a bearer token, a preloaded
/// "IKS cluster with Istio", small controllers, persistence under the data directory, and a kubeconfig at
/// <see cref="KubeconfigPath"/> for KubernetesClient and kubectl.
/// </summary>
public sealed class SandboxKubernetesServer : IAsyncDisposable
{
    private static readonly Lazy<OpenApiSchemaSet> s_schemas = new(() => new OpenApiSchemaSet());

    private readonly SandboxKubernetesOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly List<string> _warnings = [];
    private readonly RequestCounters _counters = new();
    private ClusterContext? _context;
    private ClusterControllers? _controllers;
    private ClusterSeed? _seed;
    private StatePersistence? _persistence;
    private ApiHost? _host;
    private TlsMaterial? _tls;

    /// <summary>Creates the server from options (DI constructor).</summary>
    public SandboxKubernetesServer(IOptions<SandboxKubernetesOptions> options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SandboxKubernetesServer>();
    }

    /// <summary>Creates the server directly (tests, tools); the clock defaults to the system clock.</summary>
    public SandboxKubernetesServer(SandboxKubernetesOptions options, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
        : this(Options.Create(options), time ?? TimeProvider.System, loggerFactory ?? NullLoggerFactory.Instance)
    {
    }

    /// <summary>The cluster flavour being simulated.</summary>
    public ClusterFlavour Flavour => _options.Flavour;

    /// <summary>Where the server keeps its files: <c>&lt;DataDirectory&gt;/sandbox</c>.</summary>
    public string SandboxDirectory => Path.Combine(Path.GetFullPath(_options.DataDirectory), "sandbox");

    /// <summary>The kubeconfig for this server (context <c>sandbox</c>), written at start.</summary>
    public string KubeconfigPath => Path.Combine(SandboxDirectory, "kubeconfig");

    /// <summary>The HTTPS address the API listens on; valid once started.</summary>
    public Uri BaseAddress => _host?.BaseAddress ?? throw new InvalidOperationException("The sandbox Kubernetes API server has not been started.");

    /// <summary>Whether the server is listening.</summary>
    public bool IsRunning => _host is not null;

    /// <summary>Problems found at start that did not stop it (e.g. a damaged state file set aside).</summary>
    public IReadOnlyList<string> StartupWarnings
    {
        get
        {
            lock (_warnings)
            {
                return _warnings.ToArray();
            }
        }
    }

    /// <summary>Requests served so far, per verb (<see cref="KubernetesRequestCounts.Writes"/> counts write requests).</summary>
    public KubernetesRequestCounts Requests => _counters.Snapshot();

    /// <summary>Loads or preloads the cluster, starts the controllers and the HTTPS listener, and writes the kubeconfig.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_host is not null)
            {
                return;
            }

            if (string.IsNullOrWhiteSpace(_options.DataDirectory))
            {
                throw new InvalidOperationException("Sandbox:Kubernetes:DataDirectory is not set: the sandbox Kubernetes API needs a directory for its state, TLS material and kubeconfig.");
            }

            if (!IPAddress.TryParse(_options.ListenAddress, out var address) || !IPAddress.IsLoopback(address))
            {
                throw new InvalidOperationException($"Sandbox:Kubernetes:ListenAddress '{_options.ListenAddress}' is not a loopback address; the sandbox only listens on loopback (e.g. 127.0.0.1).");
            }

            if (_options.Port is < 0 or > 65535)
            {
                throw new InvalidOperationException($"Sandbox:Kubernetes:Port {_options.Port} is not a TCP port; use 0 (any free port) or 1-65535.");
            }

            if (_options.PodStartupDelay < TimeSpan.Zero || _options.PodTerminationDelay < TimeSpan.Zero || _options.NamespaceFinalizeDelay < TimeSpan.Zero)
            {
                throw new InvalidOperationException("Sandbox:Kubernetes delays (PodStartupDelay, PodTerminationDelay, NamespaceFinalizeDelay) must not be negative.");
            }

            var tlsDirectory = Path.Combine(SandboxDirectory, "kubernetes");
            Directory.CreateDirectory(tlsDirectory);
            _tls = TlsMaterial.LoadOrCreate(tlsDirectory);
            var token = SecretFiles.LoadOrCreateToken(Path.Combine(tlsDirectory, "token"));
            BuildCluster();
            var api = BuildEndpoint(Encoding.UTF8.GetBytes(token));
            try
            {
                _host = await ApiHost.StartAsync(address, _options.Port, _tls.ServingCertificate, api.HandleAsync, _loggerFactory, cancellationToken);
            }
            catch (IOException e)
            {
                await StopCoreAsync(CancellationToken.None);
                throw new InvalidOperationException($"The sandbox Kubernetes API could not listen on {address}:{_options.Port} ({e.Message}); set Sandbox:Kubernetes:Port to 0 or to a free port.", e);
            }

            KubeconfigFile.Write(KubeconfigPath, _host.BaseAddress, _tls.CaPem, token);
            SandboxKubernetesLog.Listening(_logger, _options.Flavour, _host.BaseAddress, KubeconfigPath);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops listening, stops the controllers and saves the state.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            await StopCoreAsync(cancellationToken);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        if (_host is not null)
        {
            await _host.StopAsync(cancellationToken);
            await _host.DisposeAsync();
            _host = null;
        }

        if (_controllers is not null)
        {
            await _controllers.DisposeAsync();
            _controllers = null;
        }

        if (_persistence is not null)
        {
            await _persistence.DisposeAsync();
            _persistence = null;
        }

        _tls?.Dispose();
        _tls = null;
    }

    /// <summary>Restores the preloaded cluster, discarding every change; open watches are closed.</summary>
    public void Reset()
    {
        var context = _context ?? throw new InvalidOperationException("The sandbox Kubernetes API server has not been started.");
        var controllers = _controllers!;
        context.Store.Committed -= controllers.Loop.OnCommitted;
        controllers.Loop.Clear();
        var idle = SpinWait.SpinUntil(() => controllers.Loop.Pending == 0, TimeSpan.FromSeconds(10));
        if (!idle)
        {
            SandboxKubernetesLog.ControllersBusyAtReset(_logger);
        }

        context.Store.ReplaceAll([], context.Store.ResourceVersion);
        _seed!.Apply(_options.Flavour);
        context.Watches.StartHistoryHere();
        context.Store.Committed += controllers.Loop.OnCommitted;
        SandboxKubernetesLog.Reset(_logger, _options.Flavour);
    }

    /// <summary>Completes once the simulated controllers have nothing queued (timers waiting on the clock do not count).</summary>
    public async Task WaitForControllersIdleAsync(CancellationToken cancellationToken)
    {
        var loop = _controllers?.Loop ?? throw new InvalidOperationException("The sandbox Kubernetes API server has not been started.");
        while (loop.Pending > 0)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _lifecycle.Dispose();
    }

    private void BuildCluster()
    {
        var context = new ClusterContext(_options, _time, s_schemas.Value) { CaPem = _tls!.CaPem };
        _context = context;
        context.Store.Committed += change =>
        {
            if (change.Object.Resource.Resource == "customresourcedefinitions")
            {
                RefreshCustomResources(context);
            }
        };
        context.Store.Replaced += _ => RefreshCustomResources(context);

        var operations = new ApiOperations(context);
        var deletes = new DeleteOperations(context);
        var logger = _loggerFactory.CreateLogger("Dashboard.Sandbox.Kubernetes.Controllers");
        _controllers = new ClusterControllers(context, operations, deletes, logger);
        _seed = new ClusterSeed(operations, _controllers);
        var statePath = Path.Combine(SandboxDirectory, $"kubernetes-state-{_options.Flavour.ToString().ToLowerInvariant()}.json");
        _persistence = _options.PersistState
            ? new StatePersistence(statePath, _options.Flavour, context.Store, _time, _options.PersistenceDebounce, _loggerFactory.CreateLogger<StatePersistence>())
            : null;
        string? warning = null;
        if (_persistence?.TryLoad(out warning) != true)
        {
            _seed.Apply(_options.Flavour);
        }

        context.Watches.StartHistoryHere();
        if (warning is not null)
        {
            lock (_warnings)
            {
                _warnings.Add(warning);
            }
        }

        _controllers.Start();
        Resync(context, _controllers);
        _persistence?.Start();
    }

    private Server.ApiEndpoint BuildEndpoint(byte[] token)
    {
        var context = _context!;
        var operations = new ApiOperations(context);
        var deletes = new DeleteOperations(context);
        var resources = new ResourceEndpoint(context, operations, new PatchOperations(operations), deletes, _counters);
        return new Server.ApiEndpoint(context, resources, _counters, token, _loggerFactory.CreateLogger("Dashboard.Sandbox.Kubernetes.Api"));
    }

    private static void RefreshCustomResources(ClusterContext context)
    {
        var crds = context.Store.List(new Discovery.GroupResource("apiextensions.k8s.io", "customresourcedefinitions"), null)
            .Where(c => !c.IsDeleting).Select(c => c.Object);
        context.Registry.SetCustomResourceDefinitions(crds);
    }

    /// <summary>After a load, controllers look at everything once (pending pods resume, terminating namespaces finish).</summary>
    private static void Resync(ClusterContext context, ClusterControllers controllers)
    {
        foreach (var type in context.Registry.StorageTypes().Where(t => t.Custom is null))
        {
            foreach (var obj in context.Store.List(type.GroupResource, null))
            {
                controllers.Loop.OnCommitted(new StoreChange(WatchEventKind.Modified, obj, obj));
            }
        }
    }
}
