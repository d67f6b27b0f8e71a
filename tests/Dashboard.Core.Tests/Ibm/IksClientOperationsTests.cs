using Dashboard.Core.Ibm;
using Dashboard.Sandbox.Iks;
using Dashboard.Testing;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Ibm;

/// <summary>Every IKS operation of the client against the simulator, for both cluster types.</summary>
[Collection(IbmSimulatorCollection.Name)]
public sealed class IksClientOperationsTests(IbmSimulatorFixture fixture) : IDisposable
{
    private readonly ServiceProvider _services = fixture.Services();

    private IIksClient Client => _services.GetRequiredService<IIksClient>();

    private static IbmCredential Key => IbmSimulatorFixture.SandboxKey;

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task GetCluster_Classic_ReturnsIngressSubdomainSecretAndType()
    {
        var result = await Client.GetClusterAsync(Key, SandboxIksDefaults.ClusterName);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var cluster = result.Value;
        Assert.Equal((SandboxIksDefaults.ClusterId, "sandbox", "us-south", "classic", ClusterType.Classic, "normal"), (cluster.Id, cluster.Name, cluster.Region, cluster.Provider, cluster.Type, cluster.State));
        Assert.EndsWith("-0000.us-south.containers.appdomain.cloud", cluster.IngressHostname, StringComparison.Ordinal);
        Assert.Equal(cluster.IngressHostname!.Split('.')[0], cluster.IngressSecretName);
        Assert.Equal("healthy", cluster.IngressStatus);
        Assert.Equal("kubernetes", cluster.Distribution);
    }

    [Fact]
    public async Task GetCluster_Vpc_ReportsVpcType()
    {
        var cluster = (await Client.GetClusterAsync(Key, SandboxIksDefaults.VpcClusterId)).GetValueOrThrow();

        Assert.Equal(ClusterType.Vpc, cluster.Type);
        Assert.Equal("vpc-gen2", cluster.Provider);
        Assert.Equal(SandboxIksDefaults.VpcClusterName, cluster.Name);
    }

    [Fact]
    public async Task ListNlbDns_Classic_ParsesTheFlatShapeWithTheIngressSubdomain()
    {
        var entries = (await Client.ListNlbDnsAsync(Key, SandboxIksDefaults.ClusterName)).GetValueOrThrow();

        var ingress = Assert.Single(entries, e => e.IsIngressSubdomain);
        Assert.Equal(ClusterType.Classic, ingress.ClusterType);
        Assert.Equal([SandboxIksDefaults.AlbIp], ingress.Ips);
        Assert.Equal(ingress.Host.Split('.')[0], ingress.SecretName);
        Assert.Equal("default", ingress.SecretNamespace);
        Assert.True(ingress.IsCertificateReady);
        Assert.Null(ingress.LbHostname);
    }

    [Fact]
    public async Task ListNlbDns_Vpc_ParsesTheNlbWrappedShape()
    {
        var entries = (await Client.ListNlbDnsAsync(Key, SandboxIksDefaults.VpcClusterName)).GetValueOrThrow();

        var ingress = Assert.Single(entries, e => e.IsIngressSubdomain);
        Assert.Equal(ClusterType.Vpc, ingress.ClusterType);
        Assert.Equal(SandboxIksDefaults.VpcAlbHostname, ingress.LbHostname);
        Assert.Equal(ingress.Host.Split('.')[0], ingress.SecretName);
        Assert.Equal(NlbSecretStatus.Created, ingress.SecretStatus);
    }

    [Fact]
    public async Task RegisterClassic_BecomesCreated_AndItsSecretIsInTheCluster()
    {
        var registered = (await Client.RegisterClassicNlbDnsAsync(Key, "sandbox", ["169.46.70.1"], "istio-system")).GetValueOrThrow();

        Assert.Equal(NlbSecretStatus.Creating, registered.SecretStatus);
        Assert.Equal("istio-system", registered.SecretNamespace);
        Assert.False(registered.IsIngressSubdomain);
        var created = await Poll.UntilAsync(
            async () => (await Client.ListNlbDnsAsync(Key, "sandbox")).GetValueOrThrow().Single(e => e.Host == registered.Host),
            e => e.IsCertificateReady, "the registration to be created");
        Assert.Equal(["169.46.70.1"], created.Ips);
        var secret = await fixture.KubernetesClient.CoreV1.ReadNamespacedSecretAsync(registered.SecretName, "istio-system");
        Assert.True(secret.Data.ContainsKey("tls.crt") && secret.Data.ContainsKey("tls.key"));
    }

    [Fact]
    public async Task AddAndRemoveIps_ChangeTheRegistration()
    {
        var host = (await Client.RegisterClassicNlbDnsAsync(Key, "sandbox", ["169.46.70.2"])).GetValueOrThrow().Host;

        var added = await Client.AddNlbDnsIpsAsync(Key, "sandbox", host, ["169.46.70.3"]);
        var removed = await Client.RemoveNlbDnsIpAsync(Key, "sandbox", host, "169.46.70.2");

        Assert.True(added.IsSuccess, added.Error?.ToString());
        Assert.True(removed.IsSuccess, removed.Error?.ToString());
        var entry = (await Client.ListNlbDnsAsync(Key, "sandbox")).GetValueOrThrow().Single(e => e.Host == host);
        Assert.Equal(["169.46.70.3"], entry.Ips);
    }

    [Fact]
    public async Task RegisterAndRemoveVpc_ByLoadBalancerHostname()
    {
        var registered = (await Client.RegisterVpcNlbDnsAsync(Key, SandboxIksDefaults.VpcClusterName, "feed0001-us-south.lb.appdomain.cloud", "istio-system")).GetValueOrThrow();

        Assert.Equal(ClusterType.Vpc, registered.ClusterType);
        Assert.Equal("feed0001-us-south.lb.appdomain.cloud", registered.LbHostname);
        Assert.Equal(registered.Host.Split('.')[0], registered.SecretName);
        var listed = (await Client.ListNlbDnsAsync(Key, SandboxIksDefaults.VpcClusterName)).GetValueOrThrow();
        Assert.Contains(listed, e => e.Host == registered.Host && e.LbHostname == registered.LbHostname && e.SecretNamespace == "istio-system");

        var removed = await Client.RemoveVpcNlbDnsAsync(Key, SandboxIksDefaults.VpcClusterName, registered.Host);

        Assert.True(removed.IsSuccess, removed.Error?.ToString());
        Assert.DoesNotContain((await Client.ListNlbDnsAsync(Key, SandboxIksDefaults.VpcClusterName)).GetValueOrThrow(), e => e.Host == registered.Host);
    }

    [Fact]
    public async Task RegenerateThenDeleteSecret_ChangeTheStatus()
    {
        var host = (await Client.RegisterClassicNlbDnsAsync(Key, "sandbox", ["169.46.70.4"])).GetValueOrThrow().Host;

        var regenerated = await Client.RegenerateCertificateAsync(Key, "sandbox", host);
        Assert.True(regenerated.IsSuccess, regenerated.Error?.ToString());
        Assert.Equal(NlbSecretStatus.Regenerating, await StatusAsync(host));

        var deleted = await Client.DeleteSecretAsync(Key, "sandbox", host);
        var again = await Client.DeleteSecretAsync(Key, "sandbox", host);

        Assert.True(deleted.IsSuccess, deleted.Error?.ToString());
        Assert.Equal(NlbSecretStatus.Deleted, await StatusAsync(host));
        Assert.Equal(IksErrorKind.NotFound, again.Error!.Kind);
        Assert.Equal("E0024", again.Error.Code);
        Assert.Equal("The specified Ingress secret name is not found for this cluster.", again.Error.Description);
    }

    [Fact]
    public async Task RegisterClassic_IpAlreadyRegistered_IsAConflict()
    {
        (await Client.RegisterClassicNlbDnsAsync(Key, "sandbox", ["169.46.70.5"])).GetValueOrThrow();

        var second = await Client.RegisterClassicNlbDnsAsync(Key, "sandbox", ["169.46.70.5"]);

        Assert.Equal(IksErrorKind.Conflict, second.Error!.Kind);
        Assert.Equal(409, second.Error.HttpStatus);
        Assert.Contains("169.46.70.5", second.Error.Message, StringComparison.Ordinal);
    }

    private async Task<string?> StatusAsync(string host) =>
        (await Client.ListNlbDnsAsync(Key, "sandbox")).GetValueOrThrow().Single(e => e.Host == host).SecretStatus;
}
