using System.Net;
using Dashboard.Sandbox.Kubernetes;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// <c>Sandbox:Kubernetes:Kubeconfig</c>: the sandbox uses that cluster instead of starting its own simulator. The
/// "external" cluster here is a standalone sandbox Kubernetes server on loopback, which the app only knows by its kubeconfig.
/// </summary>
public sealed class ExternalClusterSandboxTests : IAsyncLifetime
{
    private readonly string _clusterDirectory = Directory.CreateTempSubdirectory("external-cluster-").FullName;
    private SandboxKubernetesServer _cluster = null!;
    private SandboxApp _app = null!;

    public async Task InitializeAsync()
    {
        _cluster = new SandboxKubernetesServer(new SandboxKubernetesOptions { DataDirectory = _clusterDirectory, PodStartupDelay = TimeSpan.FromMilliseconds(50), PersistState = false });
        await _cluster.StartAsync(CancellationToken.None);
        _app = await SandboxApp.StartAsync(new Dictionary<string, string?> { ["Sandbox:Kubernetes:Kubeconfig"] = _cluster.KubeconfigPath });
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _app.DisposeAsync();
            await _cluster.DisposeAsync();
        }
        finally
        {
            Directory.Delete(_clusterDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Sandbox_KubeconfigConfigured_UsesThatClusterAndStartsNoSimulator()
    {
        var sandbox = await _app.GetJsonAsync("/api/sandbox");
        Assert.Equal("external", sandbox["kubernetes"]!.GetValue<string>());
        Assert.Equal(_cluster.KubeconfigPath, sandbox["kubeconfigPath"]!.GetValue<string>());
        Assert.Null(sandbox["flavour"]);

        // No second simulator: none registered, none listening, nothing of one under the app's data directory.
        Assert.Null(_app.Host.Services.GetService<SandboxKubernetesServer>());
        Assert.Null(_app.Sandbox.Kubernetes);
        var appSandbox = Path.Combine(_app.Host.Services.GetRequiredService<IConfiguration>()["Storage:DataDirectory"]!, "sandbox");
        Assert.False(File.Exists(Path.Combine(appSandbox, "kubeconfig")));
        Assert.Empty(Directory.Exists(appSandbox) ? Directory.GetFiles(appSandbox, "kubernetes-state-*", SearchOption.AllDirectories) : []);
        Assert.DoesNotContain(_app.Host.Logs.Events, e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("Sandbox Kubernetes API (", StringComparison.Ordinal));

        // The other sandbox parts work against it: the IKS simulator wrote its Ingress certificate secret there.
        using var kube = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_cluster.KubeconfigPath));
        var subdomain = _app.Sandbox.Iks.Clusters.Single(c => c.Name == Dashboard.Sandbox.SandboxEnvironment.IksCluster).IngressSubdomain;
        Assert.NotNull(await kube.CoreV1.ReadNamespacedSecretAsync(subdomain[..subdomain.IndexOf('.', StringComparison.Ordinal)], "default"));
        Assert.True(_cluster.Requests.Writes > 0);
    }

    [Fact]
    public async Task Reset_ExternalCluster_Is409AndTouchesNothing()
    {
        using var kube = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_cluster.KubeconfigPath));
        var kept = "kept-" + Guid.NewGuid().ToString("N")[..8];
        await kube.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = kept } });

        using var response = await _app.Api.PostAsync("/api/sandbox/kubernetes/reset", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Sandbox:Kubernetes:Kubeconfig", body, StringComparison.Ordinal);
        Assert.NotNull(await kube.CoreV1.ReadNamespaceAsync(kept));
    }
}
