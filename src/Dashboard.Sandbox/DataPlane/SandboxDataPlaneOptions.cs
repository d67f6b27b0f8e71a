namespace Dashboard.Sandbox.DataPlane;

/// <summary>Which Istio generation the gateway imitates.</summary>
public enum DataPlaneIstioProfile
{
    /// <summary>Detect from the API groups the cluster serves: <c>security.istio.io</c> means Current, otherwise Legacy.</summary>
    Auto,

    /// <summary>Istio with SDS: <c>credentialName</c> secrets hot-reload; file-mounted certificates follow their secret.</summary>
    Current,

    /// <summary>Istio 1.4 without gateway SDS: file-mounted certificates are read when the gateway pods start.</summary>
    Legacy,
}

/// <summary>Which IKS ALB the ALB listener imitates.</summary>
public enum DataPlaneAlbFlavour
{
    /// <summary>Detect from the cluster: an IngressClass of the community controller means IngressNginx, otherwise IbmIngress.</summary>
    Auto,

    /// <summary>The legacy IBM Ingress image (<c>ingress.bluemix.net/*</c> annotations).</summary>
    IbmIngress,

    /// <summary>The community ingress-nginx image (<c>nginx.ingress.kubernetes.io/*</c> annotations).</summary>
    IngressNginx,
}

/// <summary>Configuration of the sandbox data plane (section <c>Sandbox:DataPlane</c>).</summary>
public sealed class SandboxDataPlaneOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Sandbox:DataPlane";

    /// <summary>Loopback address both listeners bind to.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port of the gateway listener; 0 picks a free port at each start.</summary>
    public int GatewayPort { get; set; }

    /// <summary>TCP port of the ALB listener; 0 picks a free port at each start.</summary>
    public int AlbPort { get; set; }

    /// <summary>The ALB's public IP: public names resolving to it reach the ALB listener.</summary>
    public string AlbPublicIp { get; set; } = "169.46.52.20";

    /// <summary>A VPC ALB's load balancer host name: public names resolving (through the sandbox DNS) to its address reach the ALB listener too.</summary>
    public string? AlbPublicHostname { get; set; }

    /// <summary>The Istio generation to imitate.</summary>
    public DataPlaneIstioProfile IstioProfile { get; set; } = DataPlaneIstioProfile.Auto;

    /// <summary>The ALB image to imitate.</summary>
    public DataPlaneAlbFlavour AlbFlavour { get; set; } = DataPlaneAlbFlavour.Auto;

    /// <summary>
    /// Whether a MUTUAL gateway refuses client certificates not valid for TLS client authentication. True imitates
    /// Envoy, whose default validator verifies client chains with OpenSSL's <c>ssl_client</c> purpose
    /// (<c>X509_STORE_CTX_set_default(ctx, "ssl_client")</c>): a leaf whose extended key usage lacks clientAuth, or
    /// a CA on the path whose extended key usage excludes it, is refused.
    /// </summary>
    public bool EnforceClientAuthEku { get; set; } = true;

    /// <summary>Namespace of the ingress gateway workload (where <c>credentialName</c> secrets are read).</summary>
    public string GatewayNamespace { get; set; } = "istio-system";

    /// <summary>The gateway's LoadBalancer Service; its <c>status.loadBalancer.ingress[0].ip</c> is the gateway's public IP.</summary>
    public string GatewayServiceName { get; set; } = "istio-ingressgateway";

    /// <summary>Label selector (<c>key=value[,key=value]</c>) of the gateway pods.</summary>
    public string GatewayPodSelector { get; set; } = "istio=ingressgateway";

    /// <summary>The Gateway server port the listener serves (the Service port, as Gateway resources name it).</summary>
    public int GatewayServerPort { get; set; } = 443;

    /// <summary>Namespace of the ALB's default certificate secret (the cluster's Ingress subdomain certificate).</summary>
    public string DefaultCertificateSecretNamespace { get; set; } = "default";

    /// <summary>Name of the ALB's default certificate secret; when unset or missing, a self-signed fake certificate is served, as ingress-nginx does.</summary>
    public string? DefaultCertificateSecretName { get; set; }

    /// <summary>Ingress classes the ALB serves; empty means the flavour's own (<c>public-iks-k8s-nginx</c>, or none/<c>iks-nginx</c> for the IBM image).</summary>
    public List<string> IngressClasses { get; set; } = [];

    /// <summary>The cluster's DNS domain, used to expand short destination host names.</summary>
    public string ClusterDomain { get; set; } = "cluster.local";

    /// <summary>How long the ALB waits to connect to a backend (ingress-nginx's proxy-connect-timeout).</summary>
    public TimeSpan UpstreamConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the ALB waits for a backend's response (ingress-nginx's proxy-read-timeout).</summary>
    public TimeSpan UpstreamResponseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long <see cref="SandboxDataPlane.StartAsync"/> waits for the first list of every watched resource.</summary>
    public TimeSpan InitialSyncTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
