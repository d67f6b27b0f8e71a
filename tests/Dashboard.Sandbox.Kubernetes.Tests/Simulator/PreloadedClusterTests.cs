using k8s;

namespace Dashboard.Sandbox.Kubernetes.Tests.Simulator;

public sealed class PreloadedClusterTests
{
    [Fact]
    public async Task CurrentFlavour_PreloadsIstioAndIksAlb()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var client = sim.Client();
        var namespaces = (await client.CoreV1.ListNamespaceAsync()).Items.Select(n => n.Metadata.Name).ToList();
        Assert.Superset(new HashSet<string> { "default", "kube-system", "istio-system", "ibm-cert-store" }, namespaces.ToHashSet());

        var gatewayPods = await client.CoreV1.ListNamespacedPodAsync("istio-system", labelSelector: "app=istio-ingressgateway,istio=ingressgateway");
        var pod = Assert.Single(gatewayPods.Items);
        Assert.Equal("Running", pod.Status.Phase);
        Assert.NotNull(await client.AppsV1.ReadNamespacedDeploymentAsync("istiod", "istio-system"));

        var gateway = await client.CoreV1.ReadNamespacedServiceAsync("istio-ingressgateway", "istio-system");
        Assert.Equal("LoadBalancer", gateway.Spec.Type);
        Assert.Equal([80, 443, 15021], gateway.Spec.Ports.Select(p => p.Port).Order());
        Assert.Equal("169.46.52.10", gateway.Status.LoadBalancer.Ingress[0].Ip);

        var rootCa = await client.CoreV1.ReadNamespacedConfigMapAsync("kube-root-ca.crt", "istio-system");
        var kubeconfigCa = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(
            File.ReadAllLines(sim.Server.KubeconfigPath).Single(l => l.Contains("certificate-authority-data", StringComparison.Ordinal)).Split(':', 2)[1].Trim()));
        Assert.Equal(kubeconfigCa, rootCa.Data["ca.crt"]);
        Assert.NotNull(await client.CoreV1.ReadNamespacedServiceAccountAsync("default", "istio-system"));

        var ingressClass = await client.NetworkingV1.ReadIngressClassAsync("public-iks-k8s-nginx");
        Assert.Equal("k8s.io/public-iks-k8s-nginx", ingressClass.Spec.Controller);
        Assert.Contains((await client.AppsV1.ListNamespacedDeploymentAsync("kube-system")).Items, d => d.Metadata.Name.EndsWith("-alb1", StringComparison.Ordinal));

        var crds = (await client.ApiextensionsV1.ListCustomResourceDefinitionAsync()).Items.ToDictionary(c => c.Metadata.Name);
        Assert.Equal(["v1", "v1alpha3", "v1beta1"], crds["gateways.networking.istio.io"].Spec.Versions.Where(v => v.Served).Select(v => v.Name).Order());
        Assert.Contains("peerauthentications.security.istio.io", crds.Keys);
        foreach (var version in new[] { "v1", "v1beta1", "v1alpha3" })
        {
            var list = await new GenericClient(client, "networking.istio.io", version, "virtualservices").ListNamespacedAsync<k8s.Models.V1Status>("default");
            Assert.NotNull(list);
        }
    }

    [Fact]
    public async Task LegacyFlavour_ServesIstio14ApisAndNoIngressClass()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Flavour = ClusterFlavour.Legacy);
        var client = sim.Client();
        Assert.Equal(ClusterFlavour.Legacy, sim.Server.Flavour);
        var crds = (await client.ApiextensionsV1.ListCustomResourceDefinitionAsync()).Items.ToDictionary(c => c.Metadata.Name);
        Assert.Equal(["v1alpha1"], crds["policies.authentication.istio.io"].Spec.Versions.Select(v => v.Name));
        Assert.Equal(["v1alpha3"], crds["virtualservices.networking.istio.io"].Spec.Versions.Select(v => v.Name));
        Assert.DoesNotContain(crds.Keys, k => k.EndsWith("security.istio.io", StringComparison.Ordinal));
        Assert.Empty((await client.NetworkingV1.ListIngressClassAsync()).Items);
        var groups = await client.Apis.GetAPIVersionsAsync();
        Assert.DoesNotContain(groups.Groups, g => g.Name == "security.istio.io");
        Assert.Single(groups.Groups.Single(g => g.Name == "networking.istio.io").Versions);

        var created = await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new Dictionary<string, object> { ["apiVersion"] = "authentication.istio.io/v1alpha1", ["kind"] = "Policy", ["metadata"] = new Dictionary<string, object> { ["name"] = "default" }, ["spec"] = new Dictionary<string, object> { ["peers"] = new object[] { new Dictionary<string, object> { ["mtls"] = new Dictionary<string, object>() } } } },
            "authentication.istio.io", "v1alpha1", "default", "policies");
        Assert.NotNull(created);
    }

    [Fact]
    public async Task SelfSubjectAccessReview_AnswersForTheAdminToken()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var review = await sim.Client().AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new k8s.Models.V1SelfSubjectAccessReview
        {
            Spec = new k8s.Models.V1SelfSubjectAccessReviewSpec
            {
                ResourceAttributes = new k8s.Models.V1ResourceAttributes { Verb = "create", Resource = "secrets", NamespaceProperty = "istio-system" },
            },
        });
        Assert.True(review.Status.Allowed);
        var (code, _) = await Infrastructure.ApiErrors.CaptureAsync(() => sim.Client().AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new k8s.Models.V1SelfSubjectAccessReview { Spec = new k8s.Models.V1SelfSubjectAccessReviewSpec() }));
        Assert.Equal(422, code);
    }

    [Fact]
    public async Task NoGatewayIp_LeavesLoadBalancerPending()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.GatewayExternalIp = null);
        var gateway = await sim.Client().CoreV1.ReadNamespacedServiceAsync("istio-ingressgateway", "istio-system");
        Assert.True(gateway.Status?.LoadBalancer?.Ingress is null or { Count: 0 });
    }
}
