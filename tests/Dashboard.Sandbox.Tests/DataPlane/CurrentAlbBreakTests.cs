using Dashboard.Sandbox.Clock;
using Dashboard.Sandbox.Tests.DataPlane.Infrastructure;
using Dashboard.Testing;

namespace Dashboard.Sandbox.Tests.DataPlane;

/// <summary>
/// Today's ALB (ingress-nginx) broken one piece at a time, each under an Ingress host of its own (a subdomain of the
/// Ingress subdomain, covered by its wildcard certificate): the status nginx would answer.
/// </summary>
[Collection(CurrentClusterCollection.Name)]
public sealed class CurrentAlbBreakTests(CurrentCluster cluster) : IDisposable
{
    private readonly Curl _curl = new();

    private static string Host(string label) => $"{label}.{DataPlanePki.AlbDomain}";

    [Fact]
    public async Task Ingress_WithoutTheAnnotations_SendsPlainHttpToTheGatewayAndAnswers502()
    {
        await ServeThroughSeedGatewayAsync("plain");
        await Objects.ApplyIngressAsync(cluster.Client, Objects.Ingress("plain", Host("plain"), new Dictionary<string, string>(), "public-iks-k8s-nginx"));

        var probe = await cluster.ProbeUntilAsync(cluster.Request($"https://{Host("plain")}/status/418"), r => r.StatusCode == 502, "nginx reports the bad gateway");
        var curl = await _curl.GetAsync(Host("plain"), cluster.Plane.AlbEndpoint!, "/status/418", cluster.Pki.LetsEncrypt.Root.Pem);

        Assert.Contains("<title>502 Bad Gateway</title>", probe.BodyExcerpt, StringComparison.Ordinal);
        Assert.Equal("502", curl.Status);
        Assert.Contains(cluster.Logs.Lines, l => l.Contains("plain HTTP", StringComparison.Ordinal) && l.Contains("502", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingress_ProxySslSecretMissing_DeniesTheLocationWith503()
    {
        var annotations = new Dictionary<string, string>(CurrentCluster.NginxAnnotations) { ["nginx.ingress.kubernetes.io/proxy-ssl-secret"] = "istio-system/no-such-secret" };
        await Objects.ApplyIngressAsync(cluster.Client, Objects.Ingress("nosecret", Host("nosecret"), annotations, "public-iks-k8s-nginx"));

        var probe = await cluster.ProbeUntilAsync(cluster.Request($"https://{Host("nosecret")}/status/418"), r => r.StatusCode == 503, "nginx denies the location");

        Assert.Contains("503 Service Temporarily Unavailable", probe.BodyExcerpt, StringComparison.Ordinal);
        Assert.Contains(cluster.Plane.Describe().AlbRoutes, r => r.Ingress == "istio-system/nosecret" && r.Problem!.Contains("no-such-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingress_ProxySslNameTheGatewayCertificateDoesNotCover_Answers502_UntilVerifyIsOff()
    {
        // The gateway serves its nlb-dns certificate for "other.example" too; nginx checks the name it was told to expect.
        await Objects.ApplyIstioAsync(cluster.Client, "v1", "gateways", Objects.IstioSystem,
            Objects.Gateway("v1", "othername", ["other.example", Host("othername")], Objects.CredentialTls("MUTUAL", CurrentCluster.GatewaySecret)));
        await Objects.ApplyIstioAsync(cluster.Client, "v1", "virtualservices", CurrentCluster.Namespace,
            Objects.VirtualService("v1", "othername", [Host("othername")], ["istio-system/othername"], "/status", "httpbin.httptools.svc.cluster.local"));
        var annotations = new Dictionary<string, string>(CurrentCluster.NginxAnnotations) { ["nginx.ingress.kubernetes.io/proxy-ssl-name"] = "other.example" };
        await Objects.ApplyIngressAsync(cluster.Client, Objects.Ingress("othername", Host("othername"), annotations, "public-iks-k8s-nginx"));
        var request = cluster.Request($"https://{Host("othername")}/status/418");

        var verified = await cluster.ProbeUntilAsync(request, r => r.StatusCode == 502, "nginx refuses the gateway's certificate");
        annotations["nginx.ingress.kubernetes.io/proxy-ssl-verify"] = "off";
        await Objects.ApplyIngressAsync(cluster.Client, Objects.Ingress("othername", Host("othername"), annotations, "public-iks-k8s-nginx"));
        var unverified = await cluster.ProbeUntilAsync(request, r => r.Succeeded, "without verification the request goes through");

        Assert.Equal(502, verified.StatusCode);
        Assert.Equal(418, unverified.StatusCode);
        Assert.Contains(cluster.Logs.Lines, l => l.Contains("upstream SSL certificate does not match \"other.example\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingress_ProxySslVerifyTrueInsteadOfOn_IsIgnoredAndNothingIsVerified()
    {
        // IBM's sample writes "true"; ingress-nginx accepts only on|off and falls back to its default, off.
        var annotations = new Dictionary<string, string>(CurrentCluster.NginxAnnotations)
        {
            ["nginx.ingress.kubernetes.io/proxy-ssl-verify"] = "true",
            ["nginx.ingress.kubernetes.io/proxy-ssl-name"] = "not-the-gateway.example",
        };
        await ServeThroughSeedGatewayAsync("verifytrue");
        await Objects.ApplyIngressAsync(cluster.Client, Objects.Ingress("verifytrue", Host("verifytrue"), annotations, "public-iks-k8s-nginx"));
        await Poll.UntilAsync(() => cluster.Plane.Describe().AlbRoutes.Any(r => r.Ingress == "istio-system/verifytrue"), "the ALB saw the Ingress");

        // SNI not-the-gateway.example matches no gateway server: the gateway drops the connection, nginx says 502.
        var probe = await cluster.ProbeUntilAsync(cluster.Request($"https://{Host("verifytrue")}/status/418"), r => r.StatusCode is not null, "the ALB answers");

        Assert.Equal(502, probe.StatusCode);
        Assert.Contains(cluster.Plane.Describe().AlbRoutes, r => r.Ingress == "istio-system/verifytrue" && r.Upstream.Contains("not verified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingress_OfAnotherClass_IsNotServedAndTheAlbAnswers404()
    {
        await Objects.ApplyIngressAsync(cluster.Client, Objects.Ingress("otherclass", Host("otherclass"), CurrentCluster.NginxAnnotations, "private-iks-k8s-nginx"));
        await Objects.ApplyIngressAsync(cluster.Client, Objects.Ingress("marker", Host("marker"), CurrentCluster.NginxAnnotations, "public-iks-k8s-nginx"));
        await Poll.UntilAsync(() => cluster.Plane.Describe().AlbRoutes.Any(r => r.Ingress == "istio-system/marker"), "the ALB saw the later Ingress");

        var probe = await cluster.ProbeAsync(cluster.Request($"https://{Host("otherclass")}/status/418"));

        Assert.Equal(404, probe.StatusCode);
        Assert.Contains("<title>404 Not Found</title>", probe.BodyExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_CertificateExpiredInSandboxTime_AlbRefusesItWith502()
    {
        // The sandbox judges validity by its own clock: 100 days on, every 90-day certificate has expired.
        var clock = new SandboxClock();
        var plane = await cluster.StartPlaneAsync(time: clock);
        var request = cluster.Request(CurrentCluster.AlbUrl, plane);
        await cluster.ProbeUntilAsync(request, r => r.Succeeded, "the second data plane serves the seed");

        clock.Advance(TimeSpan.FromDays(100));
        var probe = await cluster.ProbeAsync(request);

        Assert.Equal(502, probe.StatusCode);
        Assert.Contains(cluster.Logs.Lines, l => l.Contains("upstream SSL certificate verify error: (certificate has expired or is not yet valid)", StringComparison.Ordinal));
    }

    private async Task ServeThroughSeedGatewayAsync(string label)
    {
        // The seed's Gateway has no server for this Host; give the request somewhere to go if it ever got through.
        var gateway = Objects.Gateway("v1", "alb-" + label, [Host(label)], Objects.CredentialTls("MUTUAL", CurrentCluster.GatewaySecret));
        await Objects.ApplyIstioAsync(cluster.Client, "v1", "gateways", Objects.IstioSystem, gateway);
        await Objects.ApplyIstioAsync(cluster.Client, "v1", "virtualservices", CurrentCluster.Namespace,
            Objects.VirtualService("v1", "alb-" + label, [Host(label)], ["istio-system/alb-" + label], "/status", "httpbin.httptools.svc.cluster.local"));
    }

    public void Dispose() => _curl.Dispose();
}
