using Dashboard.Sandbox.Tests.DataPlane.Infrastructure;
using Dashboard.Testing;

namespace Dashboard.Sandbox.Tests.DataPlane;

/// <summary>The seed's 2019 cluster broken one piece at a time: what Istio 1.4 and the IBM Ingress ALB would show.</summary>
[Collection(LegacyClusterCollection.Name)]
public sealed class LegacyBreakTests(LegacyCluster cluster) : IDisposable
{
    private readonly Curl _curl = new();

    private static string Host(string label) => $"{label}.{DataPlanePki.AlbDomain}";

    [Fact]
    public async Task Gateway_CertificateRenewedWithoutRestart_KeepsServingTheOldCertificate()
    {
        // IKS renewed the nlb-dns certificate and the secret was re-created, but nobody deleted the gateway pods.
        var request = cluster.GatewayRequest();
        var before = await cluster.ProbeUntilAsync(request, r => r.Succeeded, "the gateway serves");
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "istio-ingressgateway-certs", Objects.TlsData(cluster.Pki.GatewayRenewed, withRoot: true), "kubernetes.io/tls");
        await Poll.UntilAsync(() => cluster.Plane.Describe().Gateway.StaleMountedSecrets.Contains("istio-ingressgateway-certs"), "the data plane saw the secret change");

        var stale = await cluster.ProbeAsync(request);
        await Objects.RestartGatewayAsync(cluster.Client, cluster.Plane);
        var renewed = await cluster.ProbeUntilAsync(request, r => r.Succeeded, "the restarted gateway serves");

        Assert.Equal(cluster.Pki.Gateway.Leaf.Sha256Fingerprint, before.ServerCertificateChain[0].Sha256Fingerprint);
        Assert.True(stale.Succeeded, stale.Failure?.Message);
        Assert.Equal(cluster.Pki.Gateway.Leaf.Sha256Fingerprint, stale.ServerCertificateChain[0].Sha256Fingerprint);
        Assert.Equal(cluster.Pki.GatewayRenewed.Leaf.Sha256Fingerprint, renewed.ServerCertificateChain[0].Sha256Fingerprint);
        Assert.Empty(cluster.Plane.Describe().Gateway.StaleMountedSecrets);
    }

    [Fact]
    public async Task Ingress_WithoutSslServices_SendsPlainHttpToTheGatewayAndAnswers502()
    {
        await Objects.ApplyIngressAsync(cluster.Client, Objects.Ingress("plain", Host("plain"), new Dictionary<string, string>(), className: null, pathType: "ImplementationSpecific"));

        var probe = await cluster.ProbeUntilAsync(cluster.Request($"https://{Host("plain")}/status/418"), r => r.StatusCode == 502, "nginx reports the bad gateway");
        var curl = await _curl.GetAsync(Host("plain"), cluster.Plane.AlbEndpoint!, "/status/418", cluster.Pki.LetsEncrypt.Root.Pem);

        Assert.Contains("<title>502 Bad Gateway</title>", probe.BodyExcerpt, StringComparison.Ordinal);
        Assert.Equal("502", curl.Status);
    }

    [Fact]
    public async Task Ingress_SslServicesWithSslSecretFirst_IsIgnoredAndAnswers502()
    {
        var annotations = new Dictionary<string, string> { ["ingress.bluemix.net/ssl-services"] = "ssl-secret=alb-certs ssl-service=istio-ingressgateway" };
        await Objects.ApplyIngressAsync(cluster.Client, Objects.Ingress("misordered", Host("misordered"), annotations, className: null, pathType: "ImplementationSpecific"));

        var probe = await cluster.ProbeUntilAsync(cluster.Request($"https://{Host("misordered")}/status/418"), r => r.StatusCode == 502, "nginx reports the bad gateway");

        Assert.Equal(502, probe.StatusCode);
        Assert.Contains(cluster.Logs.Lines, l => l.Contains("Expected 1st key is ssl-service in ssl-services annotation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingress_TrustedCrtFromAnotherCa_Answers502()
    {
        var secret = cluster.AlbCerts(cluster.Pki.Rogue.Root.Pem);
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "alb-certs-rogue", secret);
        var annotations = new Dictionary<string, string> { ["ingress.bluemix.net/ssl-services"] = "ssl-service=istio-ingressgateway ssl-secret=alb-certs-rogue" };
        await Objects.ApplyIngressAsync(cluster.Client, Objects.Ingress("roguetrust", Host("roguetrust"), annotations, className: null, pathType: "ImplementationSpecific"));

        var probe = await cluster.ProbeUntilAsync(cluster.Request($"https://{Host("roguetrust")}/status/418"), r => r.StatusCode == 502, "nginx refuses the gateway's certificate");

        Assert.Equal(502, probe.StatusCode);
        Assert.Contains(cluster.Logs.Lines, l => l.Contains("upstream SSL certificate verify error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingress_SslSecretWithoutClientCertificate_IsRefusedByTheMutualGatewayWith502()
    {
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "alb-certs-oneway", new Dictionary<string, byte[]> { ["trusted.crt"] = Objects.Bytes(cluster.Pki.Gateway.ChainWithRootPem) });
        var annotations = new Dictionary<string, string> { ["ingress.bluemix.net/ssl-services"] = "ssl-service=istio-ingressgateway ssl-secret=alb-certs-oneway" };
        await Objects.ApplyIngressAsync(cluster.Client, Objects.Ingress("oneway", Host("oneway"), annotations, className: null, pathType: "ImplementationSpecific"));

        var probe = await cluster.ProbeUntilAsync(cluster.Request($"https://{Host("oneway")}/status/418"), r => r.StatusCode == 502, "the gateway refuses the ALB");

        Assert.Equal(502, probe.StatusCode);
        Assert.Contains(cluster.Logs.Lines, l => l.Contains("refused a client without a certificate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gateway_CredentialNameOnIstio14_ServesNothingForThatServer()
    {
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "sds-cred", Objects.TlsData(cluster.Pki.Gateway));
        var gateway = Objects.Gateway("v1alpha3", "sds-gateway", ["sds." + DataPlanePki.GatewayDomain], Objects.CredentialTls("SIMPLE", "sds-cred"));
        await Objects.ApplyIstioAsync(cluster.Client, "v1alpha3", "gateways", Objects.IstioSystem, gateway);
        await Poll.UntilAsync(() => cluster.Plane.Describe().GatewayServers.Any(s => s.Gateway == "istio-system/sds-gateway"), "the gateway saw the Gateway");

        var probe = await cluster.ProbeAsync(cluster.Request($"https://sds.{DataPlanePki.GatewayDomain}/status/418"));

        CurrentGatewayBreakTests.AssertDroppedInHandshake(probe);
        Assert.Contains("Istio 1.4", cluster.Plane.Describe().GatewayServers.Single(s => s.Gateway == "istio-system/sds-gateway").Problem, StringComparison.Ordinal);
    }

    public void Dispose() => _curl.Dispose();
}
