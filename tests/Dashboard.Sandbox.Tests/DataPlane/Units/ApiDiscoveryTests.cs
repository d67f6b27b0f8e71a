using Dashboard.Sandbox.DataPlane;
using Dashboard.Sandbox.DataPlane.Watching;
using Dashboard.Sandbox.Kubernetes;
using Dashboard.Testing;
using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.Tests.DataPlane.Units;

/// <summary>
/// Which Istio the data plane imitates, read from a real discovery (the sandbox Kubernetes API serving the CRDs
/// each Istio release installs): PeerAuthentication decides, not the mere presence of security.istio.io.
/// </summary>
public sealed class ApiDiscoveryTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("dataplane-discovery-");
    private SandboxKubernetesServer _server = null!;
    private k8s.Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        // The Legacy cluster is Istio 1.4's networking.istio.io/v1alpha3 and authentication.istio.io, without security.istio.io.
        _server = new SandboxKubernetesServer(new SandboxKubernetesOptions { DataDirectory = _directory.FullName, Flavour = ClusterFlavour.Legacy, PersistState = false });
        await _server.StartAsync(CancellationToken.None);
        _client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.KubeconfigPath));
    }

    [Fact]
    public async Task ResolveIstio_SecurityGroupWithOnlyAuthorizationPolicy_IsLegacyUntilPeerAuthenticationIsServed()
    {
        // Istio 1.4 installed security.istio.io/v1beta1 with AuthorizationPolicy only; PeerAuthentication came with 1.5.
        await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crd("AuthorizationPolicy", "authorizationpolicies"));
        var istio14 = await Poll.UntilAsync(
            async () => (Groups: await _client.Apis.GetAPIVersionsAsync(), Apis: await ClusterApis.DiscoverAsync(_client, CancellationToken.None)),
            d => d.Groups.Groups.Any(g => g.Name == "security.istio.io"),
            "security.istio.io is served");

        await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crd("PeerAuthentication", "peerauthentications"));
        var istio15 = await Poll.UntilAsync(
            () => ClusterApis.DiscoverAsync(_client, CancellationToken.None),
            apis => apis.ServesPeerAuthentication,
            "PeerAuthentication is served");

        Assert.Equal("v1alpha3", istio14.Apis.NetworkingIstioVersion);
        Assert.False(istio14.Apis.ServesPeerAuthentication);
        Assert.Equal(DataPlaneIstioProfile.Legacy, istio14.Apis.ResolveIstio(DataPlaneIstioProfile.Auto));
        Assert.Equal(DataPlaneIstioProfile.Current, istio14.Apis.ResolveIstio(DataPlaneIstioProfile.Current));
        Assert.Equal(DataPlaneIstioProfile.Current, istio15.ResolveIstio(DataPlaneIstioProfile.Auto));
    }

    private static V1CustomResourceDefinition Crd(string kind, string plural) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{plural}.security.istio.io" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = "security.istio.io",
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Kind = kind, ListKind = kind + "List", Plural = plural, Singular = kind.ToLowerInvariant() },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1beta1",
                    Served = true,
                    Storage = true,
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                },
            ],
        },
    };

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
