using System.Text.Json.Nodes;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Targets;

namespace Dashboard.Core.Setup;

/// <summary>
/// The connection test's view of what runs in the cluster: the Istio control plane's version (from the image of
/// istiod, or of Istio 1.4's istio-pilot, as <c>istioctl version</c> reads it) and the ALB flavour (the profile
/// detector's evidence). Each says what it found in words, or what is missing and how to fix it.
/// </summary>
internal sealed class ClusterSoftwareChecks : IClusterSoftwareChecks
{
    private static readonly string[] s_controlPlanes = ["istiod", "istio-pilot"];

    public async Task<IReadOnlyList<ConnectionCheck>> CheckAsync(TargetClients target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var api = new ClusterApi(target.Kubernetes);
        try
        {
            return [await IstioAsync(api, cancellationToken), await AlbAsync(api, target.IksCluster, cancellationToken)];
        }
        catch (KubernetesApiException e)
        {
            return [new ConnectionCheck("istio", false, $"Istio and the ALB could not be inspected: {e.Message}", "Check that the kubeconfig's user may list deployments in istio-system and kube-system, and IngressClasses.")];
        }
    }

    public static async Task<ConnectionCheck> IstioAsync(ClusterApi api, CancellationToken cancellationToken)
    {
        var deployments = await api.ListAsync(ResourceKind.Deployment, "istio-system", null, cancellationToken);
        foreach (var name in s_controlPlanes)
        {
            var deployment = deployments.FirstOrDefault(d => Text(d["metadata"]?["name"]) == name);
            var image = (deployment?["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? []).Select(c => Text(c?["image"])).FirstOrDefault(i => i.Contains("pilot", StringComparison.Ordinal));
            if (image is not null)
            {
                var tag = image[(image.LastIndexOf(':') + 1)..];
                return new ConnectionCheck("istio", true, $"Istio {tag}: control plane istio-system/{name} runs {image}.", null);
            }
        }

        return new ConnectionCheck("istio", false, "No Istio control plane (istiod or istio-pilot) runs in istio-system.",
            "Install Istio (istioctl install), or check that the dashboard may list deployments in istio-system.");
    }

    public static async Task<ConnectionCheck> AlbAsync(ClusterApi api, string? iksCluster, CancellationToken cancellationToken)
    {
        var groups = await api.ServedGroupsAsync(cancellationToken);
        var (flavour, evidence, _) = await ProfileDetector.AlbAsync(api, groups, cancellationToken);
        return flavour is { } found
            ? new ConnectionCheck("alb", true, $"ALB flavour {found}: {string.Join(" ", evidence)}", null)
            : new ConnectionCheck("alb", false, $"No IKS Ingress ALB was recognised: {string.Join(" ", evidence)}",
                $"Enable an ALB (ibmcloud ks ingress alb ls --cluster {iksCluster ?? "<cluster>"}), or choose the ALB flavour in the setup's profile.");
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
