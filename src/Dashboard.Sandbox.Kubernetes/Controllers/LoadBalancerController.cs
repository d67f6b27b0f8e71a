using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Storage;

namespace Dashboard.Sandbox.Kubernetes.Controllers;

/// <summary>
/// The cloud provider's load-balancer controller: a LoadBalancer Service gets a public IP in
/// <c>status.loadBalancer.ingress</c>. With no <see cref="SandboxKubernetesOptions.GatewayExternalIp"/> configured,
/// none is provisioned (the state of a cluster whose load balancer is still pending). A VPC cluster's gateway gets
/// <see cref="SandboxKubernetesOptions.GatewayExternalHostname"/> instead.
/// </summary>
internal sealed class LoadBalancerController(ControllerClient client)
{
    public const string GatewayName = "istio-ingressgateway";
    public const string GatewayNamespace = "istio-system";

    public void OnService(StoreChange change)
    {
        if (change.Kind == WatchEventKind.Deleted || change.Object.IsDeleting)
        {
            return;
        }

        var service = change.Object.Object;
        if (service.Str("spec", "type") != "LoadBalancer" || service.Arr("status", "loadBalancer", "ingress") is { Count: > 0 })
        {
            return;
        }

        var hostname = client.Context.Options.GatewayExternalHostname;
        var gateway = change.Object.Namespace == GatewayNamespace && change.Object.Name == GatewayName;
        var ingress = gateway && !string.IsNullOrWhiteSpace(hostname)
            ? new JsonObject { ["hostname"] = hostname }
            : AddressFor(change.Object) is { } ip ? new JsonObject { ["ip"] = ip, ["ipMode"] = "VIP" } : null;
        if (ingress is null)
        {
            return;
        }

        var updated = change.Object.Clone();
        updated["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(ingress) } };
        client.Update(client.Type(string.Empty, "services"), updated, "cloud-controller-manager", status: true);
    }

    private string? AddressFor(StoredObject service)
    {
        var gatewayIp = client.Context.Options.GatewayExternalIp;
        if (string.IsNullOrWhiteSpace(gatewayIp))
        {
            return null;
        }

        if (service.Namespace == GatewayNamespace && service.Name == GatewayName)
        {
            return gatewayIp;
        }

        // Other load balancers get a stable neighbour address derived from their identity (strings only, never dialled).
        var octet = 20 + (int)((uint)StableHash(service.Key) % 200);
        var parts = gatewayIp.Split('.');
        return parts.Length == 4 ? $"{parts[0]}.{parts[1]}.{parts[2]}.{octet}" : gatewayIp;
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in text)
            {
                hash = (hash * 31) + c;
            }

            return hash;
        }
    }
}
