using k8s;

namespace Dashboard.Sandbox.DataPlane.Watching;

/// <summary>What the bound cluster serves, as far as the data plane cares.</summary>
/// <param name="NetworkingIstioVersion">The preferred served version of <c>networking.istio.io</c>, or null without Istio.</param>
/// <param name="ServesSecurityIstio">Whether <c>security.istio.io</c> (Istio ≥ 1.5, SDS by default from 1.6) is served.</param>
/// <param name="IngressClasses">Names and controllers of the IngressClass objects.</param>
internal sealed record ClusterApis(string? NetworkingIstioVersion, bool ServesSecurityIstio, IReadOnlyList<(string Name, string Controller)> IngressClasses)
{
    public const string IngressNginxClass = "public-iks-k8s-nginx";

    public static async Task<ClusterApis> DiscoverAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var groups = await client.Apis.GetAPIVersionsAsync(cancellationToken);
        var networking = groups.Groups.FirstOrDefault(g => g.Name == "networking.istio.io");
        var security = groups.Groups.Any(g => g.Name == "security.istio.io");
        var classes = new List<(string, string)>();
        if (groups.Groups.Any(g => g.Name == "networking.k8s.io" && g.Versions.Any(v => v.Version == "v1")))
        {
            var list = await client.NetworkingV1.ListIngressClassAsync(cancellationToken: cancellationToken);
            classes.AddRange(list.Items.Select(c => (c.Metadata.Name, c.Spec?.Controller ?? "")));
        }

        return new ClusterApis(networking?.PreferredVersion?.Version ?? networking?.Versions.FirstOrDefault()?.Version, security, classes);
    }

    /// <summary>The Istio profile to imitate: Legacy unless the cluster serves <c>security.istio.io</c>.</summary>
    public DataPlaneIstioProfile ResolveIstio(DataPlaneIstioProfile setting) => setting != DataPlaneIstioProfile.Auto
        ? setting
        : ServesSecurityIstio ? DataPlaneIstioProfile.Current : DataPlaneIstioProfile.Legacy;

    /// <summary>The ALB flavour: IngressNginx when the community controller's IngressClass exists.</summary>
    public DataPlaneAlbFlavour ResolveAlb(DataPlaneAlbFlavour setting) => setting != DataPlaneAlbFlavour.Auto
        ? setting
        : IngressClasses.Any(c => c.Name == IngressNginxClass || c.Controller.EndsWith("/" + IngressNginxClass, StringComparison.Ordinal))
            ? DataPlaneAlbFlavour.IngressNginx
            : DataPlaneAlbFlavour.IbmIngress;
}
