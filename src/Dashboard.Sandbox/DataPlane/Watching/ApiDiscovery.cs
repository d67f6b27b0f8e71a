using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dashboard.Sandbox.DataPlane.Watching;

/// <summary>What the bound cluster serves, as far as the data plane cares.</summary>
/// <param name="NetworkingIstioVersion">The preferred served version of <c>networking.istio.io</c>, or null without Istio.</param>
/// <param name="ServesPeerAuthentication">
/// Whether <c>security.istio.io</c> serves <c>peerauthentications</c> (Istio ≥ 1.5; gateway SDS on by default from 1.6).
/// The group alone proves nothing: Istio 1.4 already served <c>security.istio.io/v1beta1</c> with AuthorizationPolicy only.
/// </param>
/// <param name="IngressClasses">Names and controllers of the IngressClass objects.</param>
internal sealed record ClusterApis(string? NetworkingIstioVersion, bool ServesPeerAuthentication, IReadOnlyList<(string Name, string Controller)> IngressClasses)
{
    public const string IngressNginxClass = "public-iks-k8s-nginx";

    private const string SecurityIstio = "security.istio.io";

    public static async Task<ClusterApis> DiscoverAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var groups = await client.Apis.GetAPIVersionsAsync(cancellationToken);
        var networking = groups.Groups.FirstOrDefault(g => g.Name == "networking.istio.io");
        var security = groups.Groups.FirstOrDefault(g => g.Name == SecurityIstio);
        var peerAuthentication = security is not null && await ServesPeerAuthenticationAsync(client, security, cancellationToken);
        var classes = new List<(string, string)>();
        if (groups.Groups.Any(g => g.Name == "networking.k8s.io" && g.Versions.Any(v => v.Version == "v1")))
        {
            var list = await client.NetworkingV1.ListIngressClassAsync(cancellationToken: cancellationToken);
            classes.AddRange(list.Items.Select(c => (c.Metadata.Name, c.Spec?.Controller ?? "")));
        }

        return new ClusterApis(networking?.PreferredVersion?.Version ?? networking?.Versions.FirstOrDefault()?.Version, peerAuthentication, classes);
    }

    /// <summary>The Istio profile to imitate: Current when the cluster serves PeerAuthentication, else Legacy.</summary>
    public DataPlaneIstioProfile ResolveIstio(DataPlaneIstioProfile setting) => setting != DataPlaneIstioProfile.Auto
        ? setting
        : ServesPeerAuthentication ? DataPlaneIstioProfile.Current : DataPlaneIstioProfile.Legacy;

    /// <summary>The ALB flavour: IngressNginx when the community controller's IngressClass exists.</summary>
    public DataPlaneAlbFlavour ResolveAlb(DataPlaneAlbFlavour setting) => setting != DataPlaneAlbFlavour.Auto
        ? setting
        : IngressClasses.Any(c => c.Name == IngressNginxClass || c.Controller.EndsWith("/" + IngressNginxClass, StringComparison.Ordinal))
            ? DataPlaneAlbFlavour.IngressNginx
            : DataPlaneAlbFlavour.IbmIngress;

    // Any served version will do (v1beta1 from 1.5, v1 from 1.22); a version gone between the two calls counts as absent.
    private static async Task<bool> ServesPeerAuthenticationAsync(IKubernetes client, V1APIGroup security, CancellationToken cancellationToken)
    {
        foreach (var version in security.Versions)
        {
            try
            {
                var resources = await client.CustomObjects.GetAPIResourcesAsync(SecurityIstio, version.Version, cancellationToken);
                if (resources.Resources.Any(r => r.Name == "peerauthentications"))
                {
                    return true;
                }
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
            {
            }
        }

        return false;
    }
}
