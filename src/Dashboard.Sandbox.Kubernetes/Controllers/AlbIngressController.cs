using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Seed;
using Dashboard.Sandbox.Kubernetes.Storage;

namespace Dashboard.Sandbox.Kubernetes.Controllers;

/// <summary>
/// The IKS ALB's ingress status: an Ingress the ALB serves (class <c>public-iks-k8s-nginx</c> on the Current flavour,
/// any Ingress without a class on the Legacy IBM ALB) reports the ALB load balancer's address in
/// <c>status.loadBalancer.ingress</c>, as ingress controllers do.
/// </summary>
internal sealed class AlbIngressController(ControllerClient client)
{
    public void OnIngress(StoreChange change)
    {
        if (change.Kind == WatchEventKind.Deleted || change.Object.IsDeleting)
        {
            return;
        }

        var ingress = change.Object.Object;
        var className = ingress.Str("spec", "ingressClassName") ?? ingress.Str("metadata", "annotations", "kubernetes.io/ingress.class");
        var served = client.Context.Flavour == ClusterFlavour.Current ? className == ClusterSeed.IngressClassName : className is null;
        var address = served ? AlbAddress() : null;
        var current = ingress.Arr("status", "loadBalancer", "ingress").Objects().FirstOrDefault()?.Str("ip");
        if (address is null || current == address)
        {
            return;
        }

        var updated = change.Object.Clone();
        updated["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = address }) } };
        client.Update(client.Type("networking.k8s.io", "ingresses"), updated, "ibm-ingress-alb", status: true);
    }

    private string? AlbAddress() =>
        client.Get(client.Type(string.Empty, "services"), "kube-system", ClusterSeed.AlbName)?.Object
            .Arr("status", "loadBalancer", "ingress").Objects().FirstOrDefault()?.Str("ip");
}
