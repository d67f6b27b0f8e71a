using System.Text.Json.Nodes;
using Dashboard.Core.Probes;
using Dashboard.Sandbox.Kubernetes;

namespace Dashboard.Sandbox.Tests.DataPlane.Infrastructure;

/// <summary>
/// Today's IKS: Istio 1.30 (SDS <c>credentialName</c>, networking.istio.io/v1) and the ingress-nginx ALB, with the
/// seed's setup as the updated blog and current IKS docs do it: the nlb-dns secret in istio-system, its CA in
/// <c>&lt;name&gt;-cacert</c>, an <c>alb-certs</c> secret with tls.crt/tls.key/ca.crt, and ingress-nginx annotations.
/// The ALB's client certificate comes from a private CA (Let's Encrypt certificates lack clientAuth since 2026).
/// </summary>
public sealed class CurrentCluster() : SandboxCluster(ClusterFlavour.Current)
{
    public const string GatewaySecret = "mycluster-a1b2c3d4e5f6-0001";
    public const string GatewayName = "httpbin-gateway";
    public const string Namespace = "httptools";

    internal static readonly Dictionary<string, string> NginxAnnotations = new()
    {
        ["nginx.ingress.kubernetes.io/backend-protocol"] = "HTTPS",
        ["nginx.ingress.kubernetes.io/proxy-ssl-secret"] = "istio-system/alb-certs",
        ["nginx.ingress.kubernetes.io/proxy-ssl-verify"] = "on",
        ["nginx.ingress.kubernetes.io/proxy-ssl-name"] = DataPlanePki.GatewayDomain,
        ["nginx.ingress.kubernetes.io/proxy-ssl-server-name"] = "on",
    };

    public const string GatewayUrl = "https://" + DataPlanePki.GatewayDomain + "/status/418";

    public const string AlbUrl = "https://" + DataPlanePki.HttpbinHost + "/status/418";

    protected override async Task SeedAsync()
    {
        await Objects.DeployHttpbinAsync(Client, Namespace);
        await Objects.CreateSecretAsync(Client, Objects.IstioSystem, GatewaySecret, Objects.TlsData(Pki.Gateway));
        await Objects.CreateSecretAsync(Client, Objects.IstioSystem, GatewaySecret + "-cacert", new Dictionary<string, byte[]> { ["ca.crt"] = Objects.Bytes(Pki.PrivateCa.Root.Pem) });
        await Objects.CreateSecretAsync(Client, Objects.IstioSystem, "alb-certs", AlbCerts(Pki.AlbClient, Pki.LetsEncrypt.Root.Pem));
        await Objects.ApplyIstioAsync(Client, "v1", "gateways", Objects.IstioSystem,
            Objects.Gateway("v1", GatewayName, [DataPlanePki.GatewayDomain, DataPlanePki.HttpbinHost], Objects.CredentialTls("MUTUAL", GatewaySecret)));
        await Objects.ApplyIstioAsync(Client, "v1", "virtualservices", Namespace,
            Objects.VirtualService("v1", "httpbin", [DataPlanePki.GatewayDomain, DataPlanePki.HttpbinHost], ["istio-system/" + GatewayName], "/status", "httpbin.httptools.svc.cluster.local"));
        await Objects.ApplyIngressAsync(Client, Objects.Ingress("alb-ingress", DataPlanePki.HttpbinHost, NginxAnnotations, "public-iks-k8s-nginx"));
        await ProbeUntilAsync(GatewayRequest(), r => r.Succeeded, "the gateway answers the seed's curl");
        await ProbeUntilAsync(Request(AlbUrl), r => r.Succeeded, "the ALB answers the seed's curl");
    }

    /// <summary>The seed's gateway curl: with the ALB's client certificate.</summary>
    internal ProbeRequest GatewayRequest(string url = GatewayUrl) =>
        Request(url) with { ClientCredential = new ProbeClientCredential(Pki.AlbClient.ChainPem, Pki.AlbClient.KeyPem()) };

    internal static Dictionary<string, byte[]> AlbCerts(Dashboard.Testing.Certificates.TestCredential client, string caPem) => new()
    {
        ["tls.crt"] = Objects.Bytes(client.ChainPem),
        ["tls.key"] = Objects.Bytes(client.KeyPem()),
        ["ca.crt"] = Objects.Bytes(caPem),
    };

    /// <summary>A Gateway + VirtualService of its own for <paramref name="host"/> (a subdomain of the gateway's wildcard).</summary>
    internal async Task ServeHostAsync(string name, string host, JsonObject tls, string prefix = "/status", string destination = "httpbin.httptools.svc.cluster.local", string vsNamespace = Namespace)
    {
        await Objects.ApplyIstioAsync(Client, "v1", "gateways", Objects.IstioSystem, Objects.Gateway("v1", name, [host], tls));
        await Objects.ApplyIstioAsync(Client, "v1", "virtualservices", vsNamespace,
            Objects.VirtualService("v1", name, [host], ["istio-system/" + name], prefix, destination));
    }
}

[CollectionDefinition(Name)]
public sealed class CurrentClusterCollection : ICollectionFixture<CurrentCluster>
{
    public const string Name = "current-cluster";
}
