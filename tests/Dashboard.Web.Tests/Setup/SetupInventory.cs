using System.Text.Json.Nodes;
using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>What a setup left in the sandbox, compared with its ledger: nothing duplicated, nothing orphaned.</summary>
internal static class SetupInventory
{
    public const string Selector = "app.kubernetes.io/managed-by=iks-istio-mtls-dashboard";

    /// <summary>Every object in the cluster carrying the dashboard's managed-by label, as <c>Kind namespace/name</c> (Current profile kinds).</summary>
    public static async Task<List<string>> LabelledObjectsAsync(SandboxApp app)
    {
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(app.Sandbox.KubeconfigPath));
        var labelled = new List<string>();
        labelled.AddRange((await client.CoreV1.ListNamespaceAsync(labelSelector: Selector)).Items.Select(o => $"Namespace /{o.Metadata.Name}"));
        labelled.AddRange((await client.CoreV1.ListSecretForAllNamespacesAsync(labelSelector: Selector)).Items.Select(o => $"Secret {o.Metadata.NamespaceProperty}/{o.Metadata.Name}"));
        labelled.AddRange((await client.CoreV1.ListServiceForAllNamespacesAsync(labelSelector: Selector)).Items.Select(o => $"Service {o.Metadata.NamespaceProperty}/{o.Metadata.Name}"));
        labelled.AddRange((await client.CoreV1.ListServiceAccountForAllNamespacesAsync(labelSelector: Selector)).Items.Select(o => $"ServiceAccount {o.Metadata.NamespaceProperty}/{o.Metadata.Name}"));
        labelled.AddRange((await client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: Selector)).Items.Select(o => $"Deployment {o.Metadata.NamespaceProperty}/{o.Metadata.Name}"));
        labelled.AddRange((await client.NetworkingV1.ListIngressForAllNamespacesAsync(labelSelector: Selector)).Items.Select(o => $"Ingress {o.Metadata.NamespaceProperty}/{o.Metadata.Name}"));
        foreach (var (group, version, plural, kind) in new[] { ("networking.istio.io", "v1", "gateways", "Gateway"), ("networking.istio.io", "v1", "virtualservices", "VirtualService"), ("networking.istio.io", "v1", "destinationrules", "DestinationRule"), ("security.istio.io", "v1", "peerauthentications", "PeerAuthentication") })
        {
            var list = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await client.CustomObjects.ListClusterCustomObjectAsync(group, version, plural, labelSelector: Selector)))!;
            labelled.AddRange(list["items"]!.AsArray().Select(i => $"{kind} {i!["metadata"]!["namespace"]}/{i["metadata"]!["name"]}"));
        }

        return labelled;
    }

    /// <summary>
    /// The ledger's objects are exactly the labelled objects in the cluster (<paramref name="expectedObjects"/> of
    /// them), no intent is left unconfirmed, and IKS holds exactly one registration for the gateway's address, the one
    /// the ledger recorded as created.
    /// </summary>
    public static async Task AssertNoDuplicatesOrOrphansAsync(SandboxApp app, int expectedObjects = 11, string gatewayAddress = "169.46.52.10")
    {
        var clients = (await app.Host.Services.GetRequiredService<ITargetClients>().GetAsync("sandbox", CancellationToken.None))!;
        var nlb = await clients.Iks!.ListNlbDnsAsync(clients.Credential!, "sandbox");
        var registration = Assert.Single(nlb.Value!, e => e.Ips.Contains(gatewayAddress) || string.Equals(e.LbHostname, gatewayAddress, StringComparison.OrdinalIgnoreCase));

        var ledger = await app.Host.Services.GetRequiredService<OwnershipLedger>().ListAsync("sandbox", CancellationToken.None);
        Assert.DoesNotContain(ledger, e => e.Origin == OwnershipOrigin.Intended);
        var recordedRegistration = Assert.Single(ledger, e => e.ResourceType == OwnedResourceType.IksRegistration);
        Assert.Equal((OwnershipOrigin.Created, registration.Host), (recordedRegistration.Origin, recordedRegistration.Name));

        var recorded = ledger.Where(e => e.ResourceType == OwnedResourceType.KubernetesObject).Select(e => $"{e.Kind} {e.Namespace}/{e.Name}").ToList();
        var labelled = await LabelledObjectsAsync(app);
        Assert.Equal(recorded.Order(StringComparer.Ordinal), labelled.Order(StringComparer.Ordinal));
        // Current profile: namespace, httpbin's three objects, PeerAuthentication, DestinationRule, the -cacert and ALB secrets, Gateway, VirtualService, Ingress.
        Assert.Equal(expectedObjects, labelled.Count);
    }
}
