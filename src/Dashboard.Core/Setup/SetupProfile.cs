using Dashboard.Core.Ibm;

namespace Dashboard.Core.Setup;

/// <summary>Which Istio API generation the cluster serves.</summary>
public enum IstioApi
{
    /// <summary>As the seed: authentication.istio.io/v1alpha1 Policy, file-mounted gateway certificates, gateway pods restarted.</summary>
    Legacy,

    /// <summary>security.istio.io PeerAuthentication, <c>credentialName</c> (SDS, hot reload), no restart.</summary>
    Current,
}

/// <summary>Which IKS ALB image serves the Ingress.</summary>
public enum AlbFlavour
{
    /// <summary>The legacy IBM Ingress image: <c>ingress.bluemix.net/ssl-services</c>; secret keys trusted.crt/client.crt/client.key.</summary>
    IbmIngress,

    /// <summary>Community ingress-nginx: <c>nginx.ingress.kubernetes.io/proxy-ssl-*</c>; secret keys tls.crt/tls.key/ca.crt.</summary>
    IngressNginx,
}

/// <summary>Where the ALB's client certificate (presented to the gateway) comes from.</summary>
public enum ClientCertificateSource
{
    /// <summary>The ALB's own IKS certificate, as the seed; only when it has the clientAuth extended key usage.</summary>
    IksAlbCertificate,

    /// <summary>A dashboard-managed private CA issues the ALB's client certificate; the gateway trusts that CA.</summary>
    PrivateCa,
}

/// <summary>The profile a setup uses: one choice per platform difference.</summary>
/// <param name="IstioApi">Istio API generation.</param>
/// <param name="AlbFlavour">ALB image.</param>
/// <param name="ClientCertificate">Client certificate source.</param>
/// <param name="ClusterType">Classic (nlb-dns by IP) or VPC (by load balancer host name).</param>
public sealed record SetupProfile(IstioApi IstioApi, AlbFlavour AlbFlavour, ClientCertificateSource ClientCertificate, ClusterType ClusterType)
{
    /// <summary>The API versions to write, from what the cluster serves.</summary>
    public ServedApis Apis { get; init; } = ServedApis.Seed;
}

/// <summary>The versions the objects are written in: the highest the cluster serves (the seed's in <see cref="IstioApi.Legacy"/>).</summary>
/// <param name="Networking">networking.istio.io version (v1, v1beta1 or v1alpha3).</param>
/// <param name="Security">security.istio.io version for PeerAuthentication (v1 or v1beta1); null when not served.</param>
/// <param name="Ingress">The Ingress apiVersion (networking.k8s.io/v1, or a served legacy one).</param>
/// <param name="IngressClassName">The ALB's IngressClass, when the cluster has one for it.</param>
public sealed record ServedApis(string Networking, string? Security, string Ingress, string? IngressClassName)
{
    /// <summary>The seed's versions.</summary>
    public static ServedApis Seed { get; } = new("v1alpha3", null, "networking.k8s.io/v1", null);
}

/// <summary>A choice the user may override (null keeps the detected value).</summary>
/// <param name="IstioApi">Istio API generation.</param>
/// <param name="AlbFlavour">ALB image.</param>
/// <param name="ClientCertificate">Client certificate source.</param>
/// <param name="ClusterType">Cluster type.</param>
public sealed record ProfileOverrides(IstioApi? IstioApi = null, AlbFlavour? AlbFlavour = null, ClientCertificateSource? ClientCertificate = null, ClusterType? ClusterType = null)
{
    /// <summary>No overrides.</summary>
    public static ProfileOverrides None { get; } = new();

    /// <summary>Every override that is not one of its choices (a number out of range), each naming the field and the choices.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Check(problems, "istioApi", IstioApi);
        Check(problems, "albFlavour", AlbFlavour);
        Check(problems, "clientCertificate", ClientCertificate);
        Check(problems, "clusterType", ClusterType);
        return problems;
    }

    private static void Check<T>(List<string> problems, string field, T? value)
        where T : struct, Enum
    {
        if (value is { } chosen && !Enum.IsDefined(chosen))
        {
            problems.Add($"overrides.{field} '{chosen}' is not one of its choices: use {string.Join(", ", Enum.GetNames<T>())}, or null to keep what was detected.");
        }
    }
}

/// <summary>One profile choice: what was detected, what is used, and why.</summary>
/// <typeparam name="T">The choice's type.</typeparam>
/// <param name="Value">The value used.</param>
/// <param name="Detected">What detection found (null when it could not tell).</param>
/// <param name="Overridden">Whether the user chose <paramref name="Value"/>.</param>
/// <param name="Evidence">What the cluster showed, in words a person checks.</param>
public sealed record ProfileChoice<T>(T Value, T? Detected, bool Overridden, IReadOnlyList<string> Evidence)
    where T : struct;

/// <summary>The detected profile with its evidence, and the one in force after overrides.</summary>
/// <param name="IstioApi">Istio API generation.</param>
/// <param name="AlbFlavour">ALB image.</param>
/// <param name="ClientCertificate">Client certificate source.</param>
/// <param name="ClusterType">Cluster type.</param>
/// <param name="Profile">The profile in force.</param>
/// <param name="Warnings">Choices detection advises against (e.g. IksAlbCertificate without clientAuth), and what could not be detected.</param>
public sealed record ProfileDetection(
    ProfileChoice<IstioApi> IstioApi,
    ProfileChoice<AlbFlavour> AlbFlavour,
    ProfileChoice<ClientCertificateSource> ClientCertificate,
    ProfileChoice<ClusterType> ClusterType,
    SetupProfile Profile,
    IReadOnlyList<string> Warnings);
