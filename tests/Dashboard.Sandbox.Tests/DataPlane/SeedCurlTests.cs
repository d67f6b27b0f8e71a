using Dashboard.Core.Probes;
using Dashboard.Sandbox.DataPlane.Httpbin;
using Dashboard.Sandbox.Tests.DataPlane.Infrastructure;

namespace Dashboard.Sandbox.Tests.DataPlane;

/// <summary>
/// The seed's two curls against today's cluster (SDS, ingress-nginx), judged by the dashboard's probe and by the
/// real curl binary: 418 with the client certificate through the gateway, refused without it, 418 through the ALB.
/// </summary>
[Collection(CurrentClusterCollection.Name)]
public sealed class CurrentSeedCurlTests(CurrentCluster cluster) : IDisposable
{
    private readonly Curl _curl = new();

    [Fact]
    public async Task Gateway_WithAlbClientCertificate_AnswersTeapot()
    {
        var probe = await cluster.ProbeAsync(cluster.GatewayRequest());
        var curl = await _curl.GetAsync(DataPlanePki.GatewayDomain, cluster.Plane.GatewayEndpoint!, "/status/418", cluster.Pki.LetsEncrypt.Root.Pem, cluster.Pki.AlbClient);

        Assert.True(probe.Succeeded, probe.Failure?.Message);
        Assert.Equal(HttpbinApp.Teapot, probe.BodyExcerpt);
        Assert.Equal(cluster.Pki.Gateway.Leaf.Sha256Fingerprint, probe.ServerCertificateChain[0].Sha256Fingerprint);
        Assert.True(probe.ClientCertificateSent);
        Assert.Equal(("418", HttpbinApp.Teapot), (curl.Status, curl.Body));
    }

    [Fact]
    public async Task Gateway_WithoutClientCertificate_RefusesHandshake()
    {
        var probe = await cluster.ProbeAsync(cluster.Request(CurrentCluster.GatewayUrl));
        var curl = await _curl.GetAsync(DataPlanePki.GatewayDomain, cluster.Plane.GatewayEndpoint!, "/status/418", cluster.Pki.LetsEncrypt.Root.Pem);

        Assert.Equal(ProbeFailureReason.HandshakeRefusedByServer, probe.Failure?.Reason);
        Assert.True(probe.ServerRequestedClientCertificate);
        Assert.NotEqual(0, curl.ExitCode);
        Assert.Equal("000", curl.Status);
    }

    [Fact]
    public async Task Alb_ToGatewayOverMutualTls_AnswersTeapot()
    {
        var probe = await cluster.ProbeAsync(cluster.Request(CurrentCluster.AlbUrl));
        var curl = await _curl.GetAsync(DataPlanePki.HttpbinHost, cluster.Plane.AlbEndpoint!, "/status/418", cluster.Pki.LetsEncrypt.Root.Pem);

        Assert.True(probe.Succeeded, probe.Failure?.Message);
        Assert.Equal(HttpbinApp.Teapot, probe.BodyExcerpt);
        Assert.Equal(cluster.Pki.Alb.Leaf.Sha256Fingerprint, probe.ServerCertificateChain[0].Sha256Fingerprint);
        Assert.Equal(("418", HttpbinApp.Teapot), (curl.Status, curl.Body));
    }

    public void Dispose() => _curl.Dispose();
}

/// <summary>The seed's two curls against the seed's own 2019 cluster (file mounts, IBM Ingress ALB).</summary>
[Collection(LegacyClusterCollection.Name)]
public sealed class LegacySeedCurlTests(LegacyCluster cluster) : IDisposable
{
    private readonly Curl _curl = new();

    [Fact]
    public async Task Gateway_WithAlbClientCertificate_AnswersTeapot()
    {
        var probe = await cluster.ProbeAsync(cluster.GatewayRequest());
        var curl = await _curl.GetAsync(DataPlanePki.GatewayDomain, cluster.Plane.GatewayEndpoint!, "/status/418", cluster.Pki.LetsEncrypt.Root.Pem, cluster.Pki.AlbWithClientAuth);

        Assert.True(probe.Succeeded, probe.Failure?.Message);
        Assert.Equal(HttpbinApp.Teapot, probe.BodyExcerpt);
        Assert.Equal(("418", HttpbinApp.Teapot), (curl.Status, curl.Body));
    }

    [Fact]
    public async Task Gateway_WithoutClientCertificate_RefusesHandshake()
    {
        var probe = await cluster.ProbeAsync(cluster.Request(LegacyCluster.GatewayUrl));
        var curl = await _curl.GetAsync(DataPlanePki.GatewayDomain, cluster.Plane.GatewayEndpoint!, "/status/418", cluster.Pki.LetsEncrypt.Root.Pem);

        Assert.Equal(ProbeFailureReason.HandshakeRefusedByServer, probe.Failure?.Reason);
        Assert.NotEqual(0, curl.ExitCode);
        Assert.Equal("000", curl.Status);
    }

    [Fact]
    public async Task Alb_WithSslServicesAnnotation_AnswersTeapot()
    {
        var probe = await cluster.ProbeAsync(cluster.Request(LegacyCluster.AlbUrl));
        var curl = await _curl.GetAsync(DataPlanePki.HttpbinHost, cluster.Plane.AlbEndpoint!, "/status/418", cluster.Pki.LetsEncrypt.Root.Pem);

        Assert.True(probe.Succeeded, probe.Failure?.Message);
        Assert.Equal(HttpbinApp.Teapot, probe.BodyExcerpt);
        Assert.Equal(("418", HttpbinApp.Teapot), (curl.Status, curl.Body));
    }

    [Fact]
    public void Gateway_BeforeThePodsWereDeleted_HadNoCertificateToServe()
    {
        // The file-mounted secrets did not exist when the gateway pods started: Envoy cannot load the files, so the
        // handshake fails until the seed's "kubectl delete pod -l istio=ingressgateway".
        Assert.NotNull(cluster.BeforeRestart);
        CurrentGatewayBreakTests.AssertDroppedInHandshake(cluster.BeforeRestart);
    }

    public void Dispose() => _curl.Dispose();
}
