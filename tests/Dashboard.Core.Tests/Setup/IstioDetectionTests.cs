using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup;
using Dashboard.Sandbox.Kubernetes;
using k8s;
using k8s.Models;

namespace Dashboard.Core.Tests.Setup;

/// <summary>
/// The Istio API is told from what the cluster serves. Istio 1.4 already served security.istio.io/v1beta1 (for
/// AuthorizationPolicy) next to the Policy API, so the group alone would mistake it for 1.5; PeerAuthentication decides.
/// </summary>
public sealed class IstioDetectionTests
{
    [Fact]
    public async Task Istio14_SecurityGroupWithoutPeerAuthentication_IsLegacy()
    {
        await using var cluster = await StartAsync(ClusterFlavour.Legacy);
        await cluster.AddCrdAsync("AuthorizationPolicy", "authorizationpolicies");

        var (istio, evidence, apis) = await cluster.DetectAsync();

        Assert.Equal(IstioApi.Legacy, istio);
        Assert.Null(apis.Security);
        Assert.Contains(evidence, e => e.Contains("without PeerAuthentication", StringComparison.Ordinal) && e.Contains("Istio 1.4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Istio15_PeerAuthenticationNextToPolicy_IsCurrent()
    {
        await using var cluster = await StartAsync(ClusterFlavour.Legacy);
        await cluster.AddCrdAsync("AuthorizationPolicy", "authorizationpolicies");
        await cluster.AddCrdAsync("PeerAuthentication", "peerauthentications");

        var (istio, evidence, apis) = await cluster.DetectAsync();

        Assert.Equal(IstioApi.Current, istio);
        Assert.Equal("v1beta1", apis.Security);
        Assert.Contains(evidence, e => e.Contains("Istio 1.5 or later", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ClusterFlavour.Legacy, IstioApi.Legacy)]
    [InlineData(ClusterFlavour.Current, IstioApi.Current)]
    public async Task SandboxFlavours_AreDetectedAsTheirProfile(ClusterFlavour flavour, IstioApi expected)
    {
        await using var cluster = await StartAsync(flavour);

        var (istio, _, _) = await cluster.DetectAsync();

        Assert.Equal(expected, istio);
    }

    private static async Task<Cluster> StartAsync(ClusterFlavour flavour)
    {
        var directory = Directory.CreateTempSubdirectory("istio-detection-").FullName;
        var server = new SandboxKubernetesServer(new SandboxKubernetesOptions { DataDirectory = directory, Flavour = flavour, PersistState = false, PodStartupDelay = TimeSpan.Zero });
        await server.StartAsync(CancellationToken.None);
        return new Cluster(server, directory);
    }

    private sealed class Cluster(SandboxKubernetesServer server, string directory) : IAsyncDisposable
    {
        private readonly k8s.Kubernetes _client = new(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));

        public async Task AddCrdAsync(string kind, string plural)
        {
            var schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
            await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(new V1CustomResourceDefinition
            {
                Metadata = new V1ObjectMeta { Name = $"{plural}.security.istio.io" },
                Spec = new V1CustomResourceDefinitionSpec
                {
                    Group = "security.istio.io",
                    Scope = "Namespaced",
                    Names = new V1CustomResourceDefinitionNames { Kind = kind, Plural = plural, Singular = kind.ToLowerInvariant(), ListKind = kind + "List" },
                    Versions = [new V1CustomResourceDefinitionVersion { Name = "v1beta1", Served = true, Storage = true, Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schema } }],
                },
            });
        }

        public async Task<(IstioApi?, List<string>, ServedApis)> DetectAsync()
        {
            var api = new ClusterApi(_client);
            var groups = await api.ServedGroupsAsync(CancellationToken.None);
            return await ProfileDetector.IstioAsync(api, groups, [], CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await server.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }
}
