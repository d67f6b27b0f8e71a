using Dashboard.Core.Ibm;
using Dashboard.Sandbox.Iks;
using Dashboard.Sandbox.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Ibm;

/// <summary>The sandbox-mode composition: both simulators as hosted services, the client pointed at the IKS simulator before anything starts.</summary>
public sealed class SandboxWiringTests
{
    [Fact]
    public async Task HostWithSimulators_ClientReachesTheSandboxClusterThroughDependencyInjection()
    {
        var directory = Directory.CreateTempSubdirectory("ibm-wiring-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSandboxKubernetes(o =>
        {
            o.DataDirectory = directory;
            o.PersistState = false;
        });
        builder.Services.AddSandboxIks(o =>
        {
            o.DataDirectory = directory;
            o.LeafKeyType = Dashboard.Certificates.Issuance.KeyType.EcdsaP256;
        });
        builder.Services.AddOptions<SandboxIksOptions>().PostConfigure<SandboxKubernetesServer>((iks, kubernetes) => iks.KubeconfigPath = kubernetes.KubeconfigPath);
        builder.Services.AddIbmCloud(builder.Configuration);
        builder.Services.AddOptions<IbmOptions>().PostConfigure<SandboxIksSimulator>((ibm, simulator) =>
        {
            ibm.ApiBaseUrl = simulator.BaseAddress.ToString();
            ibm.IamTokenUrl = simulator.IamTokenUrl.ToString();
        });
        using var host = builder.Build();

        await host.StartAsync();
        var simulator = host.Services.GetRequiredService<SandboxIksSimulator>();
        var client = host.Services.GetRequiredService<IIksClient>();
        var cluster = (await client.GetClusterAsync(IbmCredential.FromApiKey(simulator.ApiKey), SandboxIksDefaults.ClusterName)).GetValueOrThrow();

        Assert.Equal(simulator.BaseAddress.ToString(), host.Services.GetRequiredService<IOptions<IbmOptions>>().Value.ApiBaseUrl);
        Assert.Equal(ClusterType.Classic, cluster.Type);
        Assert.Equal(simulator.Clusters.Single(c => c.Name == "sandbox").IngressSubdomain, cluster.IngressHostname);
        using var kubernetes = new k8s.Kubernetes(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(simulator.KubeconfigPath));
        Assert.NotNull(await k8s.CoreV1OperationsExtensions.ReadNamespacedSecretAsync(kubernetes.CoreV1, cluster.IngressSecretName, "default"));
        await host.StopAsync();
        Directory.Delete(directory, recursive: true);
    }
}
