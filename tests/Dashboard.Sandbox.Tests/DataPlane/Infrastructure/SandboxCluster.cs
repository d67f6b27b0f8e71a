using System.Net;
using Dashboard.Core.Probes;
using Dashboard.Sandbox.DataPlane;
using Dashboard.Sandbox.Kubernetes;
using Dashboard.Testing;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Sandbox.Tests.DataPlane.Infrastructure;

/// <summary>
/// One simulated cluster of a flavour with the data plane bound to it through the simulator's kubeconfig, a test
/// DNS, and a probe. Shared by the tests of a collection; each test creates what it needs under names of its own.
/// </summary>
public abstract class SandboxCluster : IAsyncLifetime
{
    public const string GatewayIp = "169.46.52.10";
    public const string AlbIp = "169.46.52.20";
    public const string AlbSecretName = "mycluster-a1b2c3d4e5f6-0000";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("dataplane-tests-").FullName;
    private readonly List<SandboxDataPlane> _extraPlanes = [];
    private SandboxKubernetesServer? _server;
    private ILoggerFactory? _loggers;

    protected SandboxCluster(ClusterFlavour flavour) => Flavour = flavour;

    public ClusterFlavour Flavour { get; }

    public IKubernetes Client { get; private set; } = null!;

    public SandboxDataPlane Plane { get; private set; } = null!;

    internal TestDns Dns { get; } = new();

    internal DataPlanePki Pki { get; } = DataPlanePki.Shared;

    public string KubeconfigPath => _server!.KubeconfigPath;

    internal MtlsProbe Probe { get; } = new(TimeProvider.System, NullLogger<MtlsProbe>.Instance);

    /// <summary>Everything every data plane of this cluster logged.</summary>
    internal CapturedLogs Logs { get; } = new();

    private ILoggerFactory Loggers => _loggers ??= LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));

    public virtual async Task InitializeAsync()
    {
        _server = new SandboxKubernetesServer(new SandboxKubernetesOptions
        {
            DataDirectory = _dataDirectory,
            Flavour = Flavour,
            PodStartupDelay = TimeSpan.FromMilliseconds(150),
            PersistState = false,
            GatewayExternalIp = GatewayIp,
        });
        await _server.StartAsync(CancellationToken.None);
        Client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.KubeconfigPath));
        Dns.Add(DataPlanePki.GatewayDomain, GatewayIp);
        Dns.Add("*." + DataPlanePki.GatewayDomain, GatewayIp);
        Dns.Add(DataPlanePki.AlbDomain, AlbIp);
        Dns.Add("*." + DataPlanePki.AlbDomain, AlbIp);
        await Objects.CreateSecretAsync(Client, "default", AlbSecretName, Objects.TlsData(Pki.Alb));
        Plane = await StartPlaneAsync();
        await SeedAsync();
    }

    /// <summary>Creates the seed's objects for this flavour and waits until both curls of the seed work.</summary>
    protected abstract Task SeedAsync();

    /// <summary>Starts a data plane on this cluster (tests may start a second one with other options).</summary>
    internal async Task<SandboxDataPlane> StartPlaneAsync(Action<SandboxDataPlaneOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SandboxDataPlaneOptions { AlbPublicIp = AlbIp, DefaultCertificateSecretName = AlbSecretName, InitialSyncTimeout = TimeSpan.FromSeconds(20) };
        configure?.Invoke(options);
        var plane = new SandboxDataPlane(options, time, Loggers, Dns);
        await plane.StartAsync(_server!.KubeconfigPath, CancellationToken.None);
        if (Plane is not null)
        {
            _extraPlanes.Add(plane);
        }

        return plane;
    }

    /// <summary>A probe request for <paramref name="url"/>, reaching loopback through the data plane's host map like the dashboard will.</summary>
    internal ProbeRequest Request(string url, SandboxDataPlane? plane = null)
    {
        var uri = new Uri(url);
        var endpoint = (plane ?? Plane).EndpointMap.Resolve(uri.Host, uri.Port)
            ?? throw new InvalidOperationException($"{uri.Host}:{uri.Port} maps to no listener");
        return new ProbeRequest(uri)
        {
            TrustedCaBundlePem = Pki.LetsEncrypt.Root.Pem,
            EndpointOverrides = new Dictionary<string, EndPoint> { [uri.Host] = endpoint },
            ExpectedStatusCode = 418,
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    internal async Task<ProbeResult> ProbeAsync(ProbeRequest request)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Probe.ProbeAsync(request, deadline.Token);
    }

    /// <summary>Probes until the result satisfies <paramref name="done"/> (configuration reaches the data plane through watches).</summary>
    internal Task<ProbeResult> ProbeUntilAsync(ProbeRequest request, Func<ProbeResult, bool> done, string what) =>
        Poll.UntilAsync(() => ProbeAsync(request), done, what);

    public async Task DisposeAsync()
    {
        foreach (var plane in _extraPlanes)
        {
            await plane.DisposeAsync();
        }

        if (Plane is not null)
        {
            await Plane.DisposeAsync();
        }

        Client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (Environment.GetEnvironmentVariable("DATAPLANE_TEST_LOG_DIR") is { Length: > 0 } logDirectory)
        {
            await File.WriteAllLinesAsync(Path.Combine(logDirectory, $"dataplane-{Flavour}.log"), Logs.Lines);
        }

        _loggers?.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
