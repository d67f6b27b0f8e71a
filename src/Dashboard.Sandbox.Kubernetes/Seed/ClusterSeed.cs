using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Controllers;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Registry;

namespace Dashboard.Sandbox.Kubernetes.Seed;

/// <summary>
/// Preloads "an IKS cluster with Istio installed": namespaces, Istio CRDs, istiod (or Istio 1.4's control plane),
/// the istio-ingressgateway with its LoadBalancer Service, and the IKS ALB in kube-system; workloads start Running.
/// </summary>
internal sealed class ClusterSeed(ApiOperations operations, ClusterControllers controllers)
{
    /// <summary>The IKS ALB deployment's name (IKS names ALBs public-cr&lt;cluster id&gt;-alb&lt;n&gt;).</summary>
    public const string AlbName = "public-crsandbox00000000000-alb1";

    public const string IngressClassName = "public-iks-k8s-nginx";

    public void Apply(ClusterFlavour flavour)
    {
        var client = controllers.Client;
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease", "istio-system", "ibm-cert-store" })
        {
            client.Create(client.Type(string.Empty, "namespaces"), string.Empty, Manifests.Namespace(ns), "sandbox-seed");
            controllers.Namespaces.EnsureNamespaceDefaults(ns);
        }

        var crdType = client.Type("apiextensions.k8s.io", "customresourcedefinitions");
        foreach (var crd in flavour == ClusterFlavour.Current ? IstioCrdSets.Current() : IstioCrdSets.Legacy())
        {
            operations.Create(crdType, null, crd, WriteOptions.Internal("istio-operator") with { FieldValidation = FieldValidation.Ignore });
        }

        Workloads(flavour);
        if (flavour == ClusterFlavour.Current)
        {
            client.Create(client.Type("networking.k8s.io", "ingressclasses"), string.Empty, Manifests.IngressClass(IngressClassName, "k8s.io/" + IngressClassName), "ibm-cloud-provider");
        }
    }

    private void Workloads(ClusterFlavour flavour)
    {
        var istioVersion = flavour == ClusterFlavour.Current ? "1.30.3" : "1.4.10";
        var gatewayLabels = new Dictionary<string, string> { ["app"] = "istio-ingressgateway", ["istio"] = "ingressgateway" };
        if (flavour == ClusterFlavour.Current)
        {
            Deploy(Manifests.Deployment("istio-system", "istiod", new() { ["app"] = "istiod", ["istio"] = "pilot" }, 1,
                Manifests.Container("discovery", $"docker.io/istio/pilot:{istioVersion}", 8080, 15010, 15012, 15017)));
            Service(Manifests.Service("istio-system", "istiod", "ClusterIP", new() { ["app"] = "istiod", ["istio"] = "pilot" },
                ("grpc-xds", 15010, 15010), ("https-dns", 15012, 15012), ("https-webhook", 443, 15017), ("http-monitoring", 15014, 15014)));
        }
        else
        {
            Deploy(Manifests.Deployment("istio-system", "istio-pilot", new() { ["app"] = "pilot", ["istio"] = "pilot" }, 1,
                Manifests.Container("discovery", $"docker.io/istio/pilot:{istioVersion}", 8080, 15010)));
            Deploy(Manifests.Deployment("istio-system", "istio-citadel", new() { ["app"] = "security", ["istio"] = "citadel" }, 1,
                Manifests.Container("citadel", $"docker.io/istio/citadel:{istioVersion}", 8060)));
            Deploy(Manifests.Deployment("istio-system", "istio-sidecar-injector", new() { ["app"] = "sidecarInjectorWebhook", ["istio"] = "sidecar-injector" }, 1,
                Manifests.Container("sidecar-injector-webhook", $"docker.io/istio/sidecar_injector:{istioVersion}", 9443)));
        }

        Deploy(Manifests.Deployment("istio-system", "istio-ingressgateway", gatewayLabels, 1,
            Manifests.Container("istio-proxy", $"docker.io/istio/proxyv2:{istioVersion}", 15021, 8080, 8443, 15090)));
        Service(Manifests.Service("istio-system", "istio-ingressgateway", "LoadBalancer", gatewayLabels,
            ("status-port", 15021, 15021), ("http2", 80, 8080), ("https", 443, 8443)));

        var albLabels = new Dictionary<string, string> { ["app"] = AlbName };
        var albImage = flavour == ClusterFlavour.Current
            ? "icr.io/ext/ibm-k8s-controller-images/ingress-nginx/controller:1.13.3_3101_iks"
            : "icr.io/armada-master/nginx-ingress:662";
        Deploy(Manifests.Deployment("kube-system", AlbName, albLabels, 2, Manifests.Container("nginx-ingress", albImage, 80, 443)));
        Service(Manifests.Service("kube-system", AlbName, "LoadBalancer", albLabels, ("http", 80, 80), ("https", 443, 443)));
    }

    private void Deploy(JsonObject deployment)
    {
        var client = controllers.Client;
        var ns = deployment.Str("metadata", "namespace")!;
        var name = deployment.Str("metadata", "name")!;
        client.Create(client.Type("apps", "deployments"), ns, deployment, "sandbox-seed");
        controllers.Deployments.Reconcile(ns, name);
        var replicaSetName = client.Owned(client.Get(client.Type("apps", "deployments"), ns, name)!.Uid, client.Type("apps", "replicasets")).Single().Name;
        controllers.ReplicaSets.Reconcile(ns, replicaSetName);
        var replicaSet = client.Get(client.Type("apps", "replicasets"), ns, replicaSetName)!;
        foreach (var pod in client.Owned(replicaSet.Uid, client.Type(string.Empty, "pods")))
        {
            controllers.Pods.Schedule(pod);
            controllers.Pods.Start(ns, pod.Name);
        }

        controllers.ReplicaSets.Reconcile(ns, replicaSetName);
        controllers.Deployments.Reconcile(ns, name);
    }

    private void Service(JsonObject service)
    {
        var client = controllers.Client;
        var type = client.Type(string.Empty, "services");
        client.Create(type, service.Str("metadata", "namespace")!, service, "sandbox-seed");
        var stored = client.Get(type, service.Str("metadata", "namespace")!, service.Str("metadata", "name")!)!;
        controllers.LoadBalancers.OnService(new Storage.StoreChange(Storage.WatchEventKind.Added, stored, null));
    }
}
