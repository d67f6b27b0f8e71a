using System.Net;
using System.Text.Json;
using Dashboard.Sandbox.Tests.DataPlane.Infrastructure;

namespace Dashboard.Sandbox.Tests.DataPlane;

/// <summary>The host map for <c>GET /api/sandbox</c>, and what it and the logs must never show.</summary>
[Collection(CurrentClusterCollection.Name)]
public sealed class HostMapTests(CurrentCluster cluster)
{
    [Fact]
    public void Describe_PublicNames_MapToTheListenersWithCurlHints()
    {
        var description = cluster.Plane.Describe();
        var gateway = cluster.Plane.GatewayEndpoint!;
        var alb = cluster.Plane.AlbEndpoint!;

        Assert.True(description.Running);
        Assert.Equal(("Current", "IngressNginx"), (description.IstioProfile, description.AlbFlavour));
        Assert.Equal((SandboxCluster.GatewayIp, gateway.ToString()), (description.Gateway.PublicAddress, description.Gateway.Loopback));
        var gatewayHost = Assert.Single(description.Hosts, h => h.Host == DataPlanePki.GatewayDomain);
        Assert.Equal(("gateway", $"--resolve {DataPlanePki.GatewayDomain}:{gateway.Port}:127.0.0.1"), (gatewayHost.Listener, gatewayHost.CurlResolve));
        var albWildcard = Assert.Single(description.Hosts, h => h.Host == "*." + DataPlanePki.AlbDomain);
        Assert.Equal($"--connect-to {DataPlanePki.HttpbinHost}:443:127.0.0.1:{alb.Port}", albWildcard.CurlConnectTo);
        Assert.Equal($"https://{DataPlanePki.HttpbinHost}/status/418", albWildcard.ExampleUrl);
        var served = Assert.Single(description.GatewayServers, s => s.Gateway == "istio-system/" + CurrentCluster.GatewayName);
        Assert.Equal(cluster.Pki.Gateway.Leaf.Sha256Fingerprint, served.CertificateSha256);
        Assert.Equal("Mutual", served.Mode);
        Assert.Contains(description.AlbRoutes, r => r.Ingress == "istio-system/alb-ingress" && r.Upstream.Contains("client certificate CN=alb-client.sandbox", StringComparison.Ordinal));
    }

    [Fact]
    public void EndpointMap_NamesAndPorts_ResolveOnlyWhatListens()
    {
        var map = cluster.Plane.EndpointMap;

        Assert.Equal(cluster.Plane.GatewayEndpoint, map.Resolve(DataPlanePki.GatewayDomain, 443));
        Assert.Equal(cluster.Plane.AlbEndpoint, map.Resolve("anything." + DataPlanePki.AlbDomain, 443));
        Assert.Equal(cluster.Plane.GatewayEndpoint, map.Resolve(SandboxCluster.GatewayIp, 443));
        Assert.Null(map.Resolve(DataPlanePki.GatewayDomain, 80));
        Assert.Null(map.Resolve("unknown.example.org", 443));
        Assert.Equal(IPAddress.Loopback, map.Resolve(DataPlanePki.HttpbinHost, 443)!.Address);
    }

    [Fact]
    public async Task LogsAndHostMap_AfterKeyProblems_NeverContainKeyMaterial()
    {
        // A key that belongs to another certificate, and one that is not a key at all, in both the gateway and the ALB.
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "leak-cred", new Dictionary<string, byte[]>
        {
            ["tls.crt"] = Objects.Bytes(cluster.Pki.Gateway.ChainPem),
            ["tls.key"] = Objects.Bytes(cluster.Pki.AlbClient.KeyPem()),
            ["ca.crt"] = Objects.Bytes(cluster.Pki.PrivateCa.Root.Pem),
        });
        await cluster.ServeHostAsync("leak", "leak." + DataPlanePki.GatewayDomain, Objects.CredentialTls("MUTUAL", "leak-cred"));
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "alb-certs-leak", new Dictionary<string, byte[]>
        {
            ["tls.crt"] = Objects.Bytes(cluster.Pki.AlbClient.ChainPem),
            ["tls.key"] = Objects.Bytes(cluster.Pki.Gateway.KeyPem().Replace("PRIVATE", "PRIVAT", StringComparison.Ordinal)),
            ["ca.crt"] = Objects.Bytes(cluster.Pki.LetsEncrypt.Root.Pem),
        });
        var annotations = new Dictionary<string, string>(CurrentCluster.NginxAnnotations) { ["nginx.ingress.kubernetes.io/proxy-ssl-secret"] = "istio-system/alb-certs-leak" };
        await Objects.ApplyIngressAsync(cluster.Client, Objects.Ingress("leak", "leak." + DataPlanePki.AlbDomain, annotations, "public-iks-k8s-nginx"));
        await cluster.ProbeUntilAsync(cluster.Request($"https://leak.{DataPlanePki.AlbDomain}/status/418"), r => r.StatusCode == 503, "the ALB denies the location");
        await cluster.ProbeUntilAsync(cluster.GatewayRequest($"https://leak.{DataPlanePki.GatewayDomain}/status/418"), r => r.StatusCode is null, "the gateway has no usable certificate");

        var text = string.Join("\n", cluster.Logs.Lines) + JsonSerializer.Serialize(cluster.Plane.Describe());

        Assert.Contains("key values mismatch", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        foreach (var keyPem in new[] { cluster.Pki.AlbClient.KeyPem(), cluster.Pki.Gateway.KeyPem(), cluster.Pki.AlbWithClientAuth.KeyPem() })
        {
            var body = keyPem.Split('\n')[1];
            Assert.DoesNotContain(body[..32], text, StringComparison.Ordinal);
        }
    }
}
