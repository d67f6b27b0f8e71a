using System.Net;
using Dashboard.Sandbox.Iks;
using Dashboard.Sandbox.Kubernetes;
using Dashboard.Sandbox.Networking;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Sandbox.Tests.Iks;

public sealed class BindingAndHostingTests
{
    [Fact]
    public async Task WithoutABoundCluster_TheIngressCertificateWaits_AndBindingWritesIt()
    {
        var directory = Directory.CreateTempSubdirectory("iks-bind-").FullName;
        await using var simulator = new SandboxIksSimulator(IksSandbox.Options(directory, kubeconfig: null));
        await simulator.StartAsync(CancellationToken.None);
        var ingress = simulator.Clusters.Single(c => c.Name == "sandbox").IngressSubdomain;
        Assert.Equal("creating", simulator.Registry.Find(SandboxIksDefaults.ClusterId, ingress)!.Status);

        await using var kubernetes = new SandboxKubernetesServer(new SandboxKubernetesOptions { DataDirectory = directory, PersistState = false });
        await kubernetes.StartAsync(CancellationToken.None);
        await simulator.BindKubeconfigAsync(kubernetes.KubeconfigPath, CancellationToken.None);

        Assert.Equal("created", simulator.Registry.Find(SandboxIksDefaults.ClusterId, ingress)!.Status);
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubernetes.KubeconfigPath));
        Assert.NotNull(await client.CoreV1.ReadNamespacedSecretAsync(ingress.Split('.')[0], "default"));
    }

    [Fact]
    public async Task Rebinding_ToAnotherCluster_WritesTheIssuedSecretsThereToo()
    {
        await using var sandbox = await IksSandbox.StartAsync();
        var ingress = sandbox.Simulator.Clusters.Single(c => c.Name == "sandbox").IngressSubdomain;
        var serial = sandbox.Simulator.Registry.CertificateOf(SandboxIksDefaults.ClusterId, ingress)!.Serial;
        var other = Directory.CreateTempSubdirectory("iks-rebind-").FullName;
        await using var second = new SandboxKubernetesServer(new SandboxKubernetesOptions { DataDirectory = other, PersistState = false });
        await second.StartAsync(CancellationToken.None);

        await sandbox.Simulator.BindKubeconfigAsync(second.KubeconfigPath, CancellationToken.None);

        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(second.KubeconfigPath));
        var secret = await client.CoreV1.ReadNamespacedSecretAsync(ingress.Split('.')[0], "default");
        Assert.Equal(serial, Dashboard.Certificates.Parsing.PemBundle.Parse(secret.Data["tls.crt"]).Entries[0].Summary.SerialNumber);
        Assert.Equal(second.KubeconfigPath, sandbox.Simulator.KubeconfigPath);
    }

    [Fact]
    public async Task AddSandboxIks_StartsWithTheHost_AndItsDnsIsInjectableBeforeStart()
    {
        var directory = Directory.CreateTempSubdirectory("iks-host-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSandboxIks(options =>
        {
            options.DataDirectory = directory;
            options.LeafKeyType = Dashboard.Certificates.Issuance.KeyType.EcdsaP256;
        });
        using var host = builder.Build();
        var dns = host.Services.GetRequiredService<ISandboxDns>();
        Assert.Empty(dns.Records);

        await host.StartAsync();
        var simulator = host.Services.GetRequiredService<SandboxIksSimulator>();

        Assert.True(simulator.IsRunning);
        Assert.Equal(SandboxIksDefaults.ApiKey, simulator.ApiKey);
        Assert.Equal(new SandboxIksAccountInfo(SandboxIksDefaults.AccountId, SandboxIksDefaults.AccountName, SandboxIksDefaults.Owner), simulator.Account);
        Assert.Equal("127.0.0.1", simulator.BaseAddress.Host);
        Assert.Equal("/global", simulator.BaseAddress.AbsolutePath);
        Assert.Equal([IPAddress.Parse(SandboxIksDefaults.AlbIp)], dns.Resolve(simulator.Clusters.Single(c => c.Name == "sandbox").IngressSubdomain));
        await host.StopAsync();
        Assert.False(simulator.IsRunning);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Addresses_AreKnownBeforeStart_AndStayTheSameAcrossRestarts()
    {
        var directory = Directory.CreateTempSubdirectory("iks-port-").FullName;
        await using var simulator = new SandboxIksSimulator(IksSandbox.Options(directory, kubeconfig: null));
        var before = (simulator.BaseAddress, simulator.IamTokenUrl);

        await simulator.StartAsync(CancellationToken.None);
        using var http = new HttpClient();
        using var first = await http.GetAsync(simulator.FaultsUrl);
        await simulator.StopAsync(CancellationToken.None);
        await simulator.StartAsync(CancellationToken.None);
        using var second = await http.GetAsync(simulator.FaultsUrl);

        Assert.Equal(before, (simulator.BaseAddress, simulator.IamTokenUrl));
        Assert.Equal("/identity/token", simulator.IamTokenUrl.AbsolutePath);
        Assert.True(first.IsSuccessStatusCode && second.IsSuccessStatusCode);
        await simulator.StopAsync(CancellationToken.None);
        Directory.Delete(directory, recursive: true);
    }
}
