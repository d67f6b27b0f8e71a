using Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;
using k8s;

namespace Dashboard.Sandbox.Kubernetes.Tests.Conformance;

/// <summary>The discovery documents read one by one (<c>/version</c>, <c>/api</c>, <c>/api/v1</c>, <c>/apis/&lt;group&gt;/&lt;version&gt;</c>).</summary>
[Collection(ConformanceCollection.Name)]
public sealed class DiscoveryConformanceTests(ClusterFixture cluster)
{
    private static readonly string[] s_allVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    private readonly IKubernetes _client = cluster.CreateClient();

    [Fact]
    public async Task Version_ReportsMajorMinorAndAMatchingGitVersion()
    {
        var version = await _client.Version.GetCodeAsync();
        Assert.Equal("1", version.Major);
        Assert.Matches(@"^[0-9]+\+?$", version.Minor);
        Assert.StartsWith($"v1.{version.Minor.TrimEnd('+')}.", version.GitVersion, StringComparison.Ordinal);
        Assert.StartsWith("go", version.GoVersion, StringComparison.Ordinal);
        Assert.Matches("^[a-z0-9]+/[a-z0-9]+$", version.Platform);
    }

    [Fact]
    public async Task Api_ListsTheCoreVersion()
    {
        var versions = await _client.Core.GetAPIVersionsAsync();
        Assert.Equal("APIVersions", versions.Kind);
        Assert.Equal(["v1"], versions.Versions);
        Assert.NotEmpty(versions.ServerAddressByClientCIDRs);
    }

    [Fact]
    public async Task ApiV1_ListsCoreResourcesWithScopeKindVerbsAndSubresources()
    {
        var list = await _client.CoreV1.GetAPIResourcesAsync();
        Assert.Equal("v1", list.GroupVersion);
        var byName = list.Resources.ToDictionary(r => r.Name);

        var secrets = byName["secrets"];
        Assert.True(secrets.Namespaced);
        Assert.Equal("Secret", secrets.Kind);
        Assert.Superset(s_allVerbs.ToHashSet(), secrets.Verbs.ToHashSet());

        Assert.False(byName["namespaces"].Namespaced);
        Assert.Contains("ns", byName["namespaces"].ShortNames);
        Assert.Equal(["update"], byName["namespaces/finalize"].Verbs);
        Assert.Equal(["cm"], byName["configmaps"].ShortNames);
        Assert.Equal(["svc"], byName["services"].ShortNames);
        foreach (var status in new[] { "services/status", "pods/status", "namespaces/status" })
        {
            Assert.Equal(["get", "patch", "update"], byName[status].Verbs.Order());
        }

        Assert.Equal("Service", byName["services/status"].Kind);
        Assert.Superset(new HashSet<string> { "pods", "serviceaccounts", "events" }, byName.Keys.ToHashSet());
    }

    [Fact]
    public async Task ApisGroupVersion_ListsAppsNetworkingAndApiextensionsResources()
    {
        var apps = await _client.AppsV1.GetAPIResourcesAsync();
        Assert.Equal("apps/v1", apps.GroupVersion);
        var appsByName = apps.Resources.ToDictionary(r => r.Name);
        Assert.Equal("Deployment", appsByName["deployments"].Kind);
        Assert.True(appsByName["deployments"].Namespaced);
        Assert.Contains("deploy", appsByName["deployments"].ShortNames);
        Assert.Superset(s_allVerbs.ToHashSet(), appsByName["deployments"].Verbs.ToHashSet());
        Assert.Equal(["get", "patch", "update"], appsByName["deployments/status"].Verbs.Order());
        var scale = appsByName["deployments/scale"];
        Assert.Equal(("autoscaling", "v1", "Scale"), (scale.Group, scale.Version, scale.Kind));
        Assert.Contains("replicasets", appsByName.Keys);

        var networking = (await _client.NetworkingV1.GetAPIResourcesAsync()).Resources.ToDictionary(r => r.Name);
        Assert.True(networking["ingresses"].Namespaced);
        Assert.Contains("ing", networking["ingresses"].ShortNames);
        Assert.Contains("ingresses/status", networking.Keys);
        Assert.False(networking["ingressclasses"].Namespaced);
        Assert.Equal("IngressClass", networking["ingressclasses"].Kind);

        var crds = (await _client.ApiextensionsV1.GetAPIResourcesAsync()).Resources.Single(r => r.Name == "customresourcedefinitions");
        Assert.False(crds.Namespaced);
        Assert.Equal(["crd", "crds"], crds.ShortNames.Order());
    }

    [Fact]
    public async Task ApisGroupVersion_UnknownVersion_Returns404()
    {
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CustomObjects.GetAPIResourcesAsync("apps", "v0"));
        Assert.Equal(404, code);
        Assert.Equal("NotFound", status.Reason());
    }
}
