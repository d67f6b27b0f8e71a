using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox;
using Dashboard.Web.Testing;
using k8s;
using k8s.Models;

namespace Dashboard.Web.Tests.Setup;

/// <summary><c>POST /api/sandbox/kubernetes/reset</c>: who may reset the simulator, what it restores, and its audit record.</summary>
public sealed class SandboxResetApiTests(SandboxResetApiTests.Fixture fixture) : IClassFixture<SandboxResetApiTests.Fixture>
{
    private const string ResetRoute = "/api/sandbox/kubernetes/reset";

    public sealed class Fixture : IAsyncLifetime
    {
        public SandboxApp App { get; private set; } = null!;

        public async Task InitializeAsync() => App = await SandboxApp.StartAsync();

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task Reset_ByOperator_RestoresThePreloadedClusterAndIsAudited()
    {
        var app = fixture.App;
        using var operatorClient = await SignedInAsync(app, "operator-" + Suffix(), "Operator");
        using var kube = Kubernetes(app);
        var ingressSecret = IngressSecretName(app);
        Assert.NotNull(await kube.CoreV1.ReadNamespacedSecretAsync(ingressSecret, "default"));
        var scratch = "scratch-" + Suffix();
        await kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = scratch } });
        await kube.AppsV1.DeleteNamespacedDeploymentAsync("istiod", "istio-system");
        await kube.CoreV1.DeleteNamespacedSecretAsync(ingressSecret, "default");

        using var response = await operatorClient.PostAsync(ResetRoute, null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        var view = JsonNode.Parse(body)!;
        Assert.Equal("Current", view["flavour"]!.GetValue<string>());
        Assert.Equal(app.Sandbox.KubeconfigPath, view["kubeconfigPath"]!.GetValue<string>());

        Assert.DoesNotContain((await kube.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == scratch);
        Assert.NotNull(await kube.AppsV1.ReadNamespacedDeploymentAsync("istiod", "istio-system"));
        Assert.Single((await kube.CoreV1.ListNamespacedPodAsync("istio-system", labelSelector: "istio=ingressgateway")).Items);

        // The IKS simulator's certificate secret (its state is not reset) is back in the fresh cluster, as after a start.
        Assert.NotNull(await kube.CoreV1.ReadNamespacedSecretAsync(ingressSecret, "default"));

        var audit = await app.GetJsonAsync("/api/audit?action=sandbox.kubernetes.reset");
        var entry = Assert.Single(audit["items"]!.AsArray());
        Assert.StartsWith("operator-", entry!["actor"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Succeeded", entry["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reset_ByViewer_IsForbiddenAndChangesNothing()
    {
        var app = fixture.App;
        using var viewer = await SignedInAsync(app, "viewer-" + Suffix(), "Viewer");
        using var kube = Kubernetes(app);
        var kept = "kept-" + Suffix();
        await kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = kept } });

        using var response = await viewer.PostAsync(ResetRoute, null);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotNull(await kube.CoreV1.ReadNamespaceAsync(kept));
        var audit = await app.GetJsonAsync("/api/audit?action=sandbox.kubernetes.reset");
        Assert.DoesNotContain(audit["items"]!.AsArray(), e => e!["actor"]!.GetValue<string>().StartsWith("viewer-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reset_Anonymous_Is401()
    {
        using var anonymous = fixture.App.Host.CreateClient();
        using var response = await anonymous.PostAsync(ResetRoute, null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<HttpClient> SignedInAsync(SandboxApp app, string userName, string role)
    {
        const string password = "reset-test-password-123";
        using var created = await app.Api.PostAsJsonAsync("/api/users", new { userName, password, role });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = app.Host.CreateClient();
        (await DashboardHost.LoginAsync(client, userName, password)).Dispose();
        return client;
    }

    private static k8s.Kubernetes Kubernetes(SandboxApp app) => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(app.Sandbox.KubeconfigPath));

    /// <summary>IKS makes the cluster's Ingress subdomain certificate a secret named after its first label, in <c>default</c>.</summary>
    private static string IngressSecretName(SandboxApp app)
    {
        var subdomain = app.Sandbox.Iks.Clusters.Single(c => c.Name == SandboxEnvironment.IksCluster).IngressSubdomain;
        return subdomain[..subdomain.IndexOf('.', StringComparison.Ordinal)];
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];
}
