using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Sandbox.Kubernetes.Tests.Simulator;

/// <summary>A simulator of its own with a fake clock and captured logs, for tests of the preloaded state and the controllers.</summary>
public sealed class SimulatorHarness : IAsyncDisposable
{
    private SimulatorHarness(SandboxKubernetesServer server, FakeTimeProvider time, FakeLogCollector logs, string dataDirectory, bool ownsDirectory)
    {
        Server = server;
        Time = time;
        Logs = logs;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
    }

    private readonly bool _ownsDirectory;

    public SandboxKubernetesServer Server { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public string DataDirectory { get; }

    public IKubernetes Client() => new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath));

    public static async Task<SimulatorHarness> StartAsync(Action<SandboxKubernetesOptions>? configure = null, string? dataDirectory = null, FakeTimeProvider? time = null)
    {
        var directory = dataDirectory ?? Directory.CreateTempSubdirectory("k8s-sim-").FullName;
        var options = new SandboxKubernetesOptions { DataDirectory = directory, PodStartupDelay = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var logs = new FakeLogCollector();
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)));
        var server = new SandboxKubernetesServer(options, time, loggerFactory);
        await server.StartAsync(CancellationToken.None);
        return new SimulatorHarness(server, time, logs, directory, dataDirectory is null);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Server.DisposeAsync();
        }
        finally
        {
            if (_ownsDirectory)
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }
}
