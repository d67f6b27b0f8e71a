using Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;
using Dashboard.Testing;
using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.Kubernetes.Tests.Simulator;

/// <summary>The simulated controllers, driven by a fake clock.</summary>
public sealed class ControllerTests
{
    [Fact]
    public async Task Deployment_GetsReplicaSetAndPods_AvailableOnlyAfterStartupDelay()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.PodStartupDelay = TimeSpan.FromSeconds(30));
        var client = sim.Client();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Workloads.Deployment("web", 2), "default");
        var pods = await Poll.UntilAsync(() => client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=web"), l => l.Items.Count == 2, "two pods");
        Assert.All(pods.Items, p => Assert.Equal("Pending", p.Status.Phase));
        Assert.Single((await client.AppsV1.ListNamespacedReplicaSetAsync("default", labelSelector: "app=web")).Items);
        await sim.Server.WaitForControllersIdleAsync(CancellationToken.None);
        var before = await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        Assert.Contains(before.Status.Conditions, c => c.Type == "Available" && c.Status == "False");

        sim.Time.Advance(TimeSpan.FromSeconds(30));
        var after = await Poll.UntilAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"), d => d.Status?.AvailableReplicas == 2, "deployment available");
        Assert.Contains(after.Status.Conditions, c => c.Type == "Available" && c.Status == "True");
        Assert.All((await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=web")).Items, p => Assert.Equal("Running", p.Status.Phase));
    }

    [Fact]
    public async Task DeletingGatewayPod_BringsANewPodWithNewNameAndUid()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.PodStartupDelay = TimeSpan.Zero);
        var client = sim.Client();
        var old = Assert.Single((await client.CoreV1.ListNamespacedPodAsync("istio-system", labelSelector: "istio=ingressgateway")).Items);
        await client.CoreV1.DeleteNamespacedPodAsync(old.Metadata.Name, "istio-system");
        var fresh = await Poll.UntilAsync(
            () => client.CoreV1.ListNamespacedPodAsync("istio-system", labelSelector: "istio=ingressgateway"),
            l => l.Items.Count == 1 && l.Items[0].Metadata.Uid != old.Metadata.Uid && l.Items[0].Status.Phase == "Running",
            "a replacement gateway pod");
        Assert.NotEqual(old.Metadata.Name, fresh.Items[0].Metadata.Name);
    }

    [Fact]
    public async Task PodInInjectionNamespace_GetsIstioProxy()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var client = sim.Client();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "httptools", Labels = new Dictionary<string, string> { ["istio-injection"] = "enabled" } } });
        await client.AppsV1.CreateNamespacedDeploymentAsync(Workloads.Deployment("httpbin", 1), "httptools");
        var pods = await Poll.UntilAsync(() => client.CoreV1.ListNamespacedPodAsync("httptools", labelSelector: "app=httpbin"), l => l.Items.Count == 1, "the httpbin pod");
        Assert.Equal(["app", "istio-proxy"], pods.Items[0].Spec.Containers.Select(c => c.Name));

        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "plain" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox:1.36" }] },
        }, "default");
        Assert.Equal(["c"], (await client.CoreV1.ReadNamespacedPodAsync("plain", "default")).Spec.Containers.Select(c => c.Name));
    }

    [Fact]
    public async Task ScaleToZero_RemovesPodsAndReportsNoReplicas()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.PodStartupDelay = TimeSpan.Zero);
        var client = sim.Client();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Workloads.Deployment("scaler", 2), "default");
        await Poll.UntilAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("scaler", "default"), d => d.Status?.ReadyReplicas == 2, "two ready");
        await client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("{\"spec\":{\"replicas\":0}}", V1Patch.PatchType.MergePatch), "scaler", "default");
        await Poll.UntilAsync(() => client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=scaler"), l => l.Items.Count == 0, "pods gone");
        var deployment = await Poll.UntilAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("scaler", "default"), d => d.Status.Replicas is null or 0, "status at zero");
        Assert.Null(deployment.Status.ReadyReplicas);
        Assert.Contains(deployment.Status.Conditions, c => c.Type == "Available" && c.Status == "True");
    }

    [Fact]
    public async Task PodCreation_RecordsEventsThatDescribeFinds()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.PodStartupDelay = TimeSpan.Zero);
        var client = sim.Client();
        var pod = Assert.Single((await client.CoreV1.ListNamespacedPodAsync("istio-system", labelSelector: "app=istiod")).Items);
        var events = await client.CoreV1.ListNamespacedEventAsync("istio-system",
            fieldSelector: $"involvedObject.name={pod.Metadata.Name},involvedObject.namespace=istio-system,involvedObject.uid={pod.Metadata.Uid}");
        Assert.Equal(["Created", "Pulled", "Scheduled", "Started"], events.Items.Select(e => e.Reason).Order());
    }

    [Theory]
    [InlineData(ClusterFlavour.Current, "public-iks-k8s-nginx")]
    [InlineData(ClusterFlavour.Legacy, null)]
    public async Task Ingress_ServedByTheAlb_GetsItsAddress(ClusterFlavour flavour, string? expectedClass)
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Flavour = flavour);
        var client = sim.Client();
        var albIp = (await client.CoreV1.ListNamespacedServiceAsync("kube-system")).Items.Single(s => s.Spec.Type == "LoadBalancer").Status.LoadBalancer.Ingress[0].Ip;
        var created = await client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = "alb" },
            Spec = new V1IngressSpec
            {
                Rules = [new V1IngressRule
                {
                    Host = "httpbin.example.com",
                    Http = new V1HTTPIngressRuleValue { Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "httpbin", Port = new V1ServiceBackendPort { Number = 8000 } } } }] },
                }],
            },
        }, "default");
        Assert.Equal(expectedClass, created.Spec.IngressClassName);
        var ingress = await Poll.UntilAsync(() => client.NetworkingV1.ReadNamespacedIngressAsync("alb", "default"), i => i.Status?.LoadBalancer?.Ingress?.Count > 0, "the ALB address");
        Assert.Equal(albIp, ingress.Status.LoadBalancer.Ingress[0].Ip);
    }

    [Fact]
    public async Task DeletingDeployment_GarbageCollectsReplicaSetsAndPods()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.PodStartupDelay = TimeSpan.Zero);
        var client = sim.Client();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Workloads.Deployment("gc", 1), "default");
        await Poll.UntilAsync(() => client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=gc"), l => l.Items.Count == 1, "pod");
        await client.AppsV1.DeleteNamespacedDeploymentAsync("gc", "default");
        await Poll.UntilAsync(async () =>
            (await client.AppsV1.ListNamespacedReplicaSetAsync("default", labelSelector: "app=gc")).Items.Count == 0
            && (await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=gc")).Items.Count == 0, "dependents collected");
    }
}
