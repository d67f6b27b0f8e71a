using Dashboard.Core.Probes;
using Dashboard.Sandbox.Kubernetes;
using Dashboard.Testing;

namespace Dashboard.Sandbox.Tests.DataPlane.Infrastructure;

/// <summary>
/// The 2019 cluster of the seed: Istio 1.4 (file-mounted gateway certificates, networking.istio.io/v1alpha3) and the
/// IBM Ingress ALB, set up exactly as the seed does: istio-ingressgateway-certs (tls.crt with the root appended),
/// istio-ingressgateway-ca-certs, alb-certs (trusted.crt, client.crt, client.key), a Gateway and VirtualService in
/// the default namespace, the gateway pods deleted to load the certificates, and an <c>ssl-services</c> Ingress.
/// The ALB's client certificate is its own IKS certificate, issued with clientAuth as before 2026.
/// </summary>
public sealed class LegacyCluster() : SandboxCluster(ClusterFlavour.Legacy)
{
    public const string CaFile = "ca-root.pem";
    public const string Namespace = "httptools";
    public const string GatewayUrl = "https://" + DataPlanePki.GatewayDomain + "/status/418";
    public const string AlbUrl = "https://" + DataPlanePki.HttpbinHost + "/status/418";

    internal static readonly Dictionary<string, string> SslServices = new()
    {
        ["ingress.bluemix.net/ssl-services"] = "ssl-service=istio-ingressgateway ssl-secret=alb-certs",
    };

    /// <summary>What the seed's gateway curl got before the gateway pods were deleted.</summary>
    internal ProbeResult? BeforeRestart { get; private set; }

    protected override async Task SeedAsync()
    {
        await Objects.DeployHttpbinAsync(Client, Namespace);
        await Objects.CreateSecretAsync(Client, Objects.IstioSystem, "istio-ingressgateway-certs", Objects.TlsData(Pki.Gateway, withRoot: true), "kubernetes.io/tls");
        await Objects.CreateSecretAsync(Client, Objects.IstioSystem, "istio-ingressgateway-ca-certs", new Dictionary<string, byte[]> { [CaFile] = Objects.Bytes(Pki.LetsEncrypt.Root.Pem) });
        await Objects.CreateSecretAsync(Client, Objects.IstioSystem, "alb-certs", AlbCerts(Pki.Gateway.ChainWithRootPem));
        // Read before the Gateway is applied: the data plane may take it in before the next line runs.
        var configured = Plane.ConfigurationVersion;
        await Objects.ApplyIstioAsync(Client, "v1alpha3", "gateways", "default", Objects.Gateway("v1alpha3", "default-ingress-gateway", ["*"], Objects.FileTls("MUTUAL", CaFile)));
        await Objects.ApplyIstioAsync(Client, "v1alpha3", "virtualservices", "default",
            Objects.VirtualService("v1alpha3", "default-ingress", ["*"], ["default-ingress-gateway"], "/status", "httpbin.httptools.svc.cluster.local"));
        await Poll.UntilAsync(() => Plane.Describe().GatewayServers.Count == 1 && Plane.ConfigurationVersion > configured, "the gateway saw the Gateway");
        BeforeRestart = await ProbeAsync(GatewayRequest());
        await Objects.RestartGatewayAsync(Client, Plane);
        await ProbeUntilAsync(GatewayRequest(), r => r.Succeeded, "the gateway answers the seed's curl");
        await Objects.ApplyIngressAsync(Client, Objects.Ingress("alb-ingress", DataPlanePki.HttpbinHost, SslServices, className: null, pathType: "ImplementationSpecific"));
        await ProbeUntilAsync(Request(AlbUrl), r => r.Succeeded, "the ALB answers the seed's curl");
    }

    /// <summary>The seed's gateway curl: with the ALB's client certificate.</summary>
    internal ProbeRequest GatewayRequest(string url = GatewayUrl) =>
        Request(url) with { ClientCredential = new ProbeClientCredential(Pki.AlbWithClientAuth.ChainPem, Pki.AlbWithClientAuth.KeyPem()) };

    internal Dictionary<string, byte[]> AlbCerts(string trustedPem) => new()
    {
        ["trusted.crt"] = Objects.Bytes(trustedPem),
        ["client.crt"] = Objects.Bytes(Pki.AlbWithClientAuth.ChainPem),
        ["client.key"] = Objects.Bytes(Pki.AlbWithClientAuth.KeyPem()),
    };
}

[CollectionDefinition(Name)]
public sealed class LegacyClusterCollection : ICollectionFixture<LegacyCluster>
{
    public const string Name = "legacy-cluster";
}
