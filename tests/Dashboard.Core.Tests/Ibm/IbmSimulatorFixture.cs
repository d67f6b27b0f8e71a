using Dashboard.Certificates.Issuance;
using Dashboard.Core.Ibm;
using Dashboard.Sandbox.Iks;
using Dashboard.Sandbox.Kubernetes;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Core.Tests.Ibm;

/// <summary>
/// The sandbox Kubernetes API and the IKS simulator bound to it, on loopback; the client under test is built with
/// <c>AddIbmCloud</c> from configuration that points at the simulator.
/// </summary>
public sealed class IbmSimulatorFixture : IAsyncLifetime
{
    /// <summary>A distinctive key (its own account and cluster), so leak checks cannot match by accident.</summary>
    public const string LeakCheckApiKey = "leak-check-api-key-8d1f2c7e";

    public const string LeakCheckCluster = "leakcheck";

    private string? _directory;

    public SandboxKubernetesServer Kubernetes { get; private set; } = null!;

    public SandboxIksSimulator Simulator { get; private set; } = null!;

    public IKubernetes KubernetesClient { get; private set; } = null!;

    public static IbmCredential SandboxKey => IbmCredential.FromApiKey(SandboxIksDefaults.ApiKey);

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("ibm-client-").FullName;
        Kubernetes = new SandboxKubernetesServer(new SandboxKubernetesOptions { DataDirectory = _directory, PersistState = false, PodStartupDelay = TimeSpan.Zero });
        await Kubernetes.StartAsync(CancellationToken.None);
        Simulator = new SandboxIksSimulator(SimulatorOptions(_directory, Kubernetes.KubeconfigPath));
        await Simulator.StartAsync(CancellationToken.None);
        KubernetesClient = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubernetes.KubeconfigPath));
    }

    public static SandboxIksOptions SimulatorOptions(string directory, string? kubeconfig) => new()
    {
        DataDirectory = directory,
        KubeconfigPath = kubeconfig,
        IssueDelay = TimeSpan.FromMilliseconds(200),
        RetryInterval = TimeSpan.FromMilliseconds(200),
        LeafKeyType = KeyType.EcdsaP256,
        CaKeyType = KeyType.EcdsaP256,
        Accounts =
        [
            new SandboxIksAccountOptions
            {
                Id = "feedfacefeedfacefeedfacefeedface",
                Name = "Leak check",
                Owner = "leak@example.com",
                ApiKeys = [new SandboxIksApiKeyOptions { Key = LeakCheckApiKey, Role = "Administrator" }],
            },
        ],
        Clusters = [new SandboxIksClusterOptions { Name = LeakCheckCluster, AccountId = "feedfacefeedfacefeedfacefeedface", AlbIps = ["169.61.0.1"] }],
    };

    /// <summary>A service provider with <c>AddIbmCloud</c> pointed at <paramref name="simulator"/> (fast retries unless overridden).</summary>
    public static ServiceProvider Services(SandboxIksSimulator simulator, IDictionary<string, string?>? overrides = null, TimeProvider? time = null, FakeLogCollector? logs = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ibm:ApiBaseUrl"] = simulator.BaseAddress.ToString(),
            ["Ibm:IamTokenUrl"] = simulator.IamTokenUrl.ToString(),
            ["Ibm:RetryBaseDelay"] = "00:00:00.010",
            ["Ibm:MaxRetryDelay"] = "00:00:02",
            ["Ibm:AttemptTimeout"] = "00:00:05",
            ["Ibm:TotalTimeout"] = "00:00:30",
            ["Ibm:MaxRetries"] = "3",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                builder.AddProvider(new FakeLoggerProvider(logs));
            }
        });
        services.AddIbmCloud(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider(validateScopes: true);
    }

    public ServiceProvider Services(IDictionary<string, string?>? overrides = null, TimeProvider? time = null, FakeLogCollector? logs = null) =>
        Services(Simulator, overrides, time, logs);

    public async Task DisposeAsync()
    {
        KubernetesClient?.Dispose();
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        if (Kubernetes is not null)
        {
            await Kubernetes.DisposeAsync();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>Tests that share the simulator run one after another: scripted faults and request counts are global to it.</summary>
[CollectionDefinition(Name)]
public sealed class IbmSimulatorCollection : ICollectionFixture<IbmSimulatorFixture>
{
    public const string Name = "IBM simulator";
}
