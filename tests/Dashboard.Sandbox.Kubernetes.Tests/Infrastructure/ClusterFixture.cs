using k8s;

namespace Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;

/// <summary>
/// A cluster to run conformance tests against: the cluster named by DASHBOARD_CONFORMANCE_KUBECONFIG when set,
/// otherwise a fresh sandbox simulator on a loopback port.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string KubeconfigVariable = "DASHBOARD_CONFORMANCE_KUBECONFIG";

    private SandboxKubernetesServer? _server;
    private string? _dataDirectory;

    public string KubeconfigPath { get; private set; } = string.Empty;

    public bool IsSimulator => _server is not null;

    public IKubernetes CreateClient() => new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(KubeconfigVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            KubeconfigPath = external;
            return;
        }

        _dataDirectory = Directory.CreateTempSubdirectory("k8s-conformance-").FullName;
        _server = new SandboxKubernetesServer(new SandboxKubernetesOptions
        {
            DataDirectory = _dataDirectory,
            PodStartupDelay = TimeSpan.FromMilliseconds(200),
            PersistState = false,
        });
        await _server.StartAsync(CancellationToken.None);
        KubeconfigPath = _server.KubeconfigPath;
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
        finally
        {
            if (_dataDirectory is not null)
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
        }
    }
}
