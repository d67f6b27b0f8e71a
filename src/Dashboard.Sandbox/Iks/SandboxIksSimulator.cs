using System.Net;
using Dashboard.Sandbox.Iks.Api;
using Dashboard.Sandbox.Iks.Catalog;
using Dashboard.Sandbox.Iks.Certificates;
using Dashboard.Sandbox.Iks.Lifecycle;
using Dashboard.Sandbox.Iks.State;
using Dashboard.Sandbox.Networking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Sandbox.Iks;

/// <summary>
/// The IKS + IAM simulator: IAM's token endpoint and the IKS cluster and nlb-dns endpoints over HTTP on loopback,
/// accounts and clusters from configuration, a Let's-Encrypt-like CA whose certificates turn <c>creating</c> →
/// <c>created</c> after a delay and land in the bound Kubernetes cluster as secrets (renewed 37 days before expiry),
/// the matching public DNS, and fault injection. State lives under <c>&lt;DataDirectory&gt;/sandbox/iks</c>.
/// </summary>
public sealed class SandboxIksSimulator : IAsyncDisposable
{
    private readonly SandboxIksOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lifecycleGate = new(1, 1);
    private readonly IksRequestCounters _counters = new();
    private readonly IksSimulatorWarnings _warnings;
    private readonly Lock _portGate = new();
    private readonly ClusterSecretWriter _writer;
    private Running? _running;
    private int? _port;

    /// <summary>Creates the simulator from options (DI constructor).</summary>
    public SandboxIksSimulator(IOptions<SandboxIksOptions> options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SandboxIksSimulator>();
        _warnings = new IksSimulatorWarnings(_logger);
        _writer = new ClusterSecretWriter(_options.KubeconfigPath);
        Faults = new SandboxIksFaultInjector(_options.Faults);
        Dns = new SimulatorDns(() => _running?.Dns);
    }

    /// <summary>Creates the simulator directly (tests, tools); the clock defaults to the system clock.</summary>
    public SandboxIksSimulator(SandboxIksOptions options, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
        : this(Options.Create(options), time ?? TimeProvider.System, loggerFactory ?? NullLoggerFactory.Instance)
    {
    }

    /// <summary>
    /// The IKS API base URL, e.g. <c>http://127.0.0.1:41234/global</c> (set <c>Ibm:ApiBaseUrl</c> to it). Known before
    /// start: with <see cref="SandboxIksOptions.Port"/> 0 a free port is reserved on first use and kept across restarts.
    /// </summary>
    public Uri BaseAddress => new(Root, "global");

    /// <summary>IAM's token URL, e.g. <c>http://127.0.0.1:41234/identity/token</c> (set <c>Ibm:IamTokenUrl</c> to it); known before start.</summary>
    public Uri IamTokenUrl => new(Root, "identity/token");

    /// <summary>The fault-injection endpoint (<c>GET/POST/DELETE</c>).</summary>
    public Uri FaultsUrl => new(Root, "sandbox/faults");

    /// <summary>The well-known sandbox API key (<see cref="SandboxIksDefaults.ApiKey"/>, or the first configured key without defaults).</summary>
    public string ApiKey => _options.IncludeDefaults ? SandboxIksDefaults.ApiKey : _options.Accounts.SelectMany(a => a.ApiKeys).Select(k => k.Key).FirstOrDefault() ?? string.Empty;

    /// <summary>The account <see cref="ApiKey"/> belongs to; valid once started.</summary>
    public SandboxIksAccountInfo Account => State.Catalog.FindIdentity(ApiKey) is { } identity
        ? new SandboxIksAccountInfo(identity.AccountId, State.Catalog.Account(identity.AccountId).Name, identity.Owner)
        : throw new InvalidOperationException("No API key is configured for the IKS simulator.");

    /// <summary>The clusters the simulator serves; valid once started.</summary>
    public IReadOnlyList<SandboxIksClusterInfo> Clusters => [.. State.Catalog.Clusters.Select(c => new SandboxIksClusterInfo(
        c.Name, c.Id, c.Provider, c.Region, c.AccountId, c.Bound,
        State.Registry.List(c.Id).FirstOrDefault(r => r.Kind == RegistrationKind.Ingress)?.Host ?? string.Empty))];

    /// <summary>The sandbox root ("Sandbox ISRG Root X1") as PEM: the dashboard trusts it in sandbox mode. Valid once started.</summary>
    public string RootCertificatePem => State.Authority.RootPem;

    /// <summary>The sandbox's public DNS for <c>containers.appdomain.cloud</c>: resolves nothing until started.</summary>
    public ISandboxDns Dns { get; }

    /// <summary>Fault injection (also at <see cref="FaultsUrl"/>).</summary>
    public SandboxIksFaultInjector Faults { get; }

    /// <summary>Requests answered so far, per endpoint.</summary>
    public IksRequestCounts Requests => _counters.Snapshot();

    /// <summary>The kubeconfig certificate secrets are written through (null: none bound).</summary>
    public string? KubeconfigPath => _writer.KubeconfigPath;

    /// <summary>Whether the simulator is listening.</summary>
    public bool IsRunning => _running is not null;

    /// <summary>Problems found at start that did not stop it (e.g. a damaged state file set aside).</summary>
    public IReadOnlyList<string> StartupWarnings => _warnings.Items;

    internal IksRegistry Registry => State.Registry;

    internal CertificateLifecycle Lifecycle => State.Lifecycle;

    private Uri Root
    {
        get
        {
            var address = ListenAddress();
            var host = address.Equals(IPAddress.IPv6Loopback) ? "[::1]" : address.ToString();
            return new Uri($"http://{host}:{ReservePort(address, renew: false)}/");
        }
    }

    private Running State => _running ?? throw new InvalidOperationException("The IKS simulator has not been started.");

    /// <summary>
    /// Binds (or, with null, unbinds) the cluster that certificate secrets are written into, then checks that every
    /// issued certificate's secret is there (writing missing ones) before returning.
    /// </summary>
    public async Task BindKubeconfigAsync(string? kubeconfigPath, CancellationToken cancellationToken)
    {
        _writer.Bind(kubeconfigPath);
        if (_running is { } running)
        {
            running.Registry.MarkForVerification();
            await running.Lifecycle.RunPassAsync(cancellationToken);
        }
    }

    /// <summary>Runs the certificate lifecycle once now (it also runs by itself on every change and when work falls due).</summary>
    public Task RunLifecycleAsync(CancellationToken cancellationToken) => State.Lifecycle.RunPassAsync(cancellationToken);

    /// <summary>Loads or creates the CA and state, makes sure every cluster's Ingress subdomain and secret exist, then starts listening.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _lifecycleGate.WaitAsync(cancellationToken);
        try
        {
            if (_running is not null)
            {
                return;
            }

            var (address, directory) = Validate();
            var catalog = IksCatalog.Build(_options);
            var authority = SandboxCertificateAuthority.LoadOrCreate(directory is null ? null : Path.Combine(directory, "ca"), _time, _options.CaKeyType, _warnings);
            var tokens = IamTokenIssuer.LoadOrCreate(directory, _time, _options.TokenLifetime);
            var registry = new IksRegistry(catalog, new IksStateStore(directory is null ? null : Path.Combine(directory, "state.json"), _time), _time, _options, _warnings);
            var lifecycle = new CertificateLifecycle(registry, authority, _writer, _options, Faults, _time, _loggerFactory.CreateLogger("Dashboard.Sandbox.Iks.Lifecycle"));
            var running = new Running(catalog, registry, authority, lifecycle, new SandboxIksDns(catalog, registry));
            _running = running;
            registry.MarkForVerification();
            await lifecycle.RunPassAsync(cancellationToken);
            lifecycle.Start();
            var context = new IksApiContext(catalog, registry, tokens, Faults, _counters, _time);
            running.Host = await ListenAsync(address, context, cancellationToken);
            IksSimulatorLog.Listening(_logger, BaseAddress, IamTokenUrl, catalog.Clusters.Count, _writer.KubeconfigPath ?? "(no cluster bound)");
        }
        finally
        {
            _lifecycleGate.Release();
        }
    }

    /// <summary>Stops listening and the lifecycle; state is already on disk.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lifecycleGate.WaitAsync(cancellationToken);
        try
        {
            if (_running is { } running)
            {
                _running = null;
                if (running.Host is not null)
                {
                    await running.Host.DisposeAsync();
                }

                await running.Lifecycle.DisposeAsync();
                running.Authority.Dispose();
            }
        }
        finally
        {
            _lifecycleGate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _writer.Dispose();
        _lifecycleGate.Dispose();
    }

    private async Task<IksHost> ListenAsync(IPAddress address, IksApiContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await IksHost.StartAsync(address, ReservePort(address, renew: false), context, _loggerFactory, cancellationToken);
        }
        catch (IOException e) when (_options.Port == 0)
        {
            // Someone took the reserved port between reservation and start: take another one (the URLs change).
            IksSimulatorLog.ReservedPortTaken(_logger, e);
            return await IksHost.StartAsync(address, ReservePort(address, renew: true), context, _loggerFactory, cancellationToken);
        }
    }

    private int ReservePort(IPAddress address, bool renew)
    {
        lock (_portGate)
        {
            if (_options.Port != 0)
            {
                return _options.Port;
            }

            if (_port is null || renew)
            {
                using var probe = new System.Net.Sockets.TcpListener(address, 0);
                probe.Start();
                _port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
            }

            return _port.Value;
        }
    }

    private IPAddress ListenAddress() => IPAddress.TryParse(_options.ListenAddress, out var address) && IPAddress.IsLoopback(address)
        ? address
        : throw new InvalidOperationException($"Sandbox:Iks:ListenAddress '{_options.ListenAddress}' is not a loopback address; the simulator only listens on loopback (e.g. 127.0.0.1).");

    private (IPAddress Address, string? Directory) Validate()
    {
        var address = ListenAddress();
        if (_options.Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Sandbox:Iks:Port {_options.Port} is not a TCP port; use 0 (a free port) or 1-65535.");
        }

        if (_options.PersistState && string.IsNullOrWhiteSpace(_options.DataDirectory))
        {
            throw new InvalidOperationException("Sandbox:Iks:DataDirectory is not set: the IKS simulator keeps its CA and registrations there (or set Sandbox:Iks:PersistState to false).");
        }

        if (_options.IssueDelay < TimeSpan.Zero || _options.RetryInterval <= TimeSpan.Zero || _options.CertificateLifetime <= _options.RenewBefore || _options.RenewBefore < TimeSpan.Zero || _options.TokenLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Sandbox:Iks timing is inconsistent: IssueDelay must not be negative, RetryInterval and TokenLifetime must be positive, and CertificateLifetime must exceed RenewBefore.");
        }

        SandboxIksFaultInjector.Validate(_options.Faults);
        if (!_options.PersistState)
        {
            return (address, null);
        }

        var directory = Path.Combine(Path.GetFullPath(_options.DataDirectory), "sandbox", "iks");
        Directory.CreateDirectory(directory);
        return (address, directory);
    }

    private sealed class Running(IksCatalog catalog, IksRegistry registry, SandboxCertificateAuthority authority, CertificateLifecycle lifecycle, SandboxIksDns dns)
    {
        public IksCatalog Catalog { get; } = catalog;

        public IksRegistry Registry { get; } = registry;

        public SandboxCertificateAuthority Authority { get; } = authority;

        public CertificateLifecycle Lifecycle { get; } = lifecycle;

        public SandboxIksDns Dns { get; } = dns;

        public IksHost? Host { get; set; }
    }
}
