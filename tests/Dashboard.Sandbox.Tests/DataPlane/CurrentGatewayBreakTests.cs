using Dashboard.Core.Probes;
using Dashboard.Sandbox.DataPlane.Httpbin;
using Dashboard.Sandbox.Tests.DataPlane.Infrastructure;
using Dashboard.Testing;

namespace Dashboard.Sandbox.Tests.DataPlane;

/// <summary>
/// Today's gateway (SDS), broken one piece at a time, each under a host of its own (a subdomain of the gateway's
/// nlb-dns name, which its certificate covers): the failure a real Istio gateway would show.
/// </summary>
[Collection(CurrentClusterCollection.Name)]
public sealed class CurrentGatewayBreakTests(CurrentCluster cluster) : IDisposable
{
    private readonly Curl _curl = new();

    private static string Host(string label) => $"{label}.{DataPlanePki.GatewayDomain}";

    [Fact]
    public async Task Gateway_CaCertSecretSwappedForAnotherCa_RefusesTheClientAtOnce()
    {
        await CredentialAsync("wrongca-cred", cluster.Pki.PrivateCa.Root.Pem);
        await cluster.ServeHostAsync("wrongca", Host("wrongca"), Objects.CredentialTls("MUTUAL", "wrongca-cred"));
        var request = cluster.GatewayRequest($"https://{Host("wrongca")}/status/418");
        await cluster.ProbeUntilAsync(request, r => r.Succeeded, "the right CA lets the client in");

        // SDS: the gateway picks up the new -cacert without a restart, and now the ALB's certificate chains to nothing it trusts.
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "wrongca-cred-cacert", new Dictionary<string, byte[]> { ["ca.crt"] = Objects.Bytes(cluster.Pki.LetsEncrypt.Root.Pem) });
        var refused = await cluster.ProbeUntilAsync(request, r => !r.Succeeded, "the swapped CA refuses the client");
        var curl = await _curl.GetAsync(Host("wrongca"), cluster.Plane.GatewayEndpoint!, "/status/418", cluster.Pki.LetsEncrypt.Root.Pem, cluster.Pki.AlbClient);

        Assert.Equal(ProbeFailureReason.HandshakeRefusedByServer, refused.Failure?.Reason);
        Assert.Equal("000", curl.Status);
        Assert.Contains(cluster.Logs.Lines, l => l.Contains("refused client certificate", StringComparison.Ordinal) && l.Contains("alb-client.sandbox", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gateway_CredentialSecretWithoutKey_DropsTheHandshake()
    {
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "nokey-cred", new Dictionary<string, byte[]>
        {
            ["tls.crt"] = Objects.Bytes(cluster.Pki.Gateway.ChainPem),
            ["ca.crt"] = Objects.Bytes(cluster.Pki.PrivateCa.Root.Pem),
        });
        await cluster.ServeHostAsync("nokey", Host("nokey"), Objects.CredentialTls("MUTUAL", "nokey-cred"));
        await Poll.UntilAsync(() => cluster.Plane.Describe().GatewayServers.Any(s => s.Gateway == "istio-system/nokey" && s.Problem is not null), "the gateway noticed the unusable secret");

        var probe = await cluster.ProbeAsync(cluster.GatewayRequest($"https://{Host("nokey")}/status/418"));
        var curl = await _curl.GetAsync(Host("nokey"), cluster.Plane.GatewayEndpoint!, "/status/418", cluster.Pki.LetsEncrypt.Root.Pem, cluster.Pki.AlbClient);

        // Envoy closes the connection after the ClientHello: no certificate, no alert, no certificate request.
        AssertDroppedInHandshake(probe);
        Assert.Equal((35, "000"), (curl.ExitCode, curl.Status));
        var server = cluster.Plane.Describe().GatewayServers.Single(s => s.Gateway == "istio-system/nokey");
        Assert.Contains("didn't have expected keys (cert and key) or (tls.crt and tls.key); found: ca.crt, tls.crt", server.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_KeyRemovedFromAWorkingSecret_KeepsTheAcceptedCertificateUntilRestart()
    {
        await CredentialAsync("rotate-cred", cluster.Pki.PrivateCa.Root.Pem);
        await cluster.ServeHostAsync("rotate", Host("rotate"), Objects.CredentialTls("MUTUAL", "rotate-cred"));
        var request = cluster.GatewayRequest($"https://{Host("rotate")}/status/418");
        await cluster.ProbeUntilAsync(request, r => r.Succeeded, "the working secret is served");

        // Envoy NACKs an SDS update it cannot load and keeps the last accepted secret; a restart starts it empty.
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "rotate-cred", new Dictionary<string, byte[]> { ["tls.crt"] = Objects.Bytes(cluster.Pki.Gateway.ChainPem) });
        await Poll.UntilAsync(() => cluster.Plane.Describe().GatewayServers.Any(s => s.Gateway == "istio-system/rotate" && s.Notice is not null), "the gateway rejected the update");
        var beforeRestart = await cluster.ProbeAsync(request);
        await Objects.RestartGatewayAsync(cluster.Client, cluster.Plane);
        var afterRestart = await cluster.ProbeUntilAsync(request, r => !r.Succeeded, "the restarted gateway has no certificate for the host");

        Assert.True(beforeRestart.Succeeded, beforeRestart.Failure?.Message);
        AssertDroppedInHandshake(afterRestart);
        await cluster.ProbeUntilAsync(cluster.GatewayRequest(), r => r.Succeeded, "the seed's gateway works again after the restart");
    }

    [Fact]
    public async Task Gateway_SimpleInsteadOfMutual_AnswersClientsWithoutCertificate()
    {
        await cluster.ServeHostAsync("simple", Host("simple"), Objects.CredentialTls("SIMPLE", CurrentCluster.GatewaySecret));

        var probe = await cluster.ProbeUntilAsync(cluster.Request($"https://{Host("simple")}/status/418"), r => r.Succeeded, "SIMPLE serves without a client certificate");

        Assert.False(probe.ServerRequestedClientCertificate);
        Assert.False(probe.ClientCertificateSent);
        Assert.Equal(HttpbinApp.Teapot, probe.BodyExcerpt);
    }

    [Fact]
    public async Task VirtualService_PrefixMismatch_GatewayAnswers404()
    {
        await cluster.ServeHostAsync("prefix", Host("prefix"), Objects.CredentialTls("MUTUAL", CurrentCluster.GatewaySecret), prefix: "/headers");
        var headers = await cluster.ProbeUntilAsync(cluster.GatewayRequest($"https://{Host("prefix")}/headers") with { ExpectedStatusCode = 200, BodyExcerptLength = 4096 }, r => r.Succeeded, "the /headers route works");

        var status = await cluster.ProbeAsync(cluster.GatewayRequest($"https://{Host("prefix")}/status/418"));

        Assert.Equal(404, status.StatusCode);
        Assert.Equal("", status.BodyExcerpt);
        Assert.Equal(ProbeFailureReason.HttpError, status.Failure?.Reason);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(cluster.Pki.AlbClient.Leaf.Der));
        Assert.Contains($"\"X-Forwarded-Client-Cert\": \"Hash={hash};Subject=\\u0022CN=alb-client.sandbox\\u0022;DNS=alb-client.sandbox\"", headers.BodyExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Httpbin_ScaledToZero_GatewayAnswers503NoHealthyUpstream()
    {
        await Objects.DeployHttpbinAsync(cluster.Client, "scaled");
        await cluster.ServeHostAsync("scaled", Host("scaled"), Objects.CredentialTls("MUTUAL", CurrentCluster.GatewaySecret), destination: "httpbin", vsNamespace: "scaled");
        var request = cluster.GatewayRequest($"https://{Host("scaled")}/status/418");
        await cluster.ProbeUntilAsync(request, r => r.Succeeded, "httpbin in 'scaled' answers");

        await Objects.ScaleAsync(cluster.Client, "scaled", "httpbin", 0);
        var down = await cluster.ProbeUntilAsync(request, r => r.StatusCode == 503, "no endpoints left");
        await Objects.ScaleAsync(cluster.Client, "scaled", "httpbin", 1);
        var up = await cluster.ProbeUntilAsync(request, r => r.Succeeded, "httpbin is back");

        Assert.Equal("no healthy upstream", down.BodyExcerpt);
        Assert.Equal(HttpbinApp.Teapot, up.BodyExcerpt);
    }

    [Fact]
    public async Task VirtualService_DestinationNamespaceQualifiedShortName_NamesNoServiceAndAnswers503()
    {
        // Istio expands only dot-less names (relative to the VirtualService's namespace); "httpbin.httptools" is taken as written.
        await cluster.ServeHostAsync("shortname", Host("shortname"), Objects.CredentialTls("MUTUAL", CurrentCluster.GatewaySecret), destination: "httpbin.httptools", vsNamespace: "default");

        var probe = await cluster.ProbeUntilAsync(cluster.GatewayRequest($"https://{Host("shortname")}/status/418"), r => r.StatusCode == 503, "the route points at a cluster that does not exist");

        Assert.Equal("", probe.BodyExcerpt);
    }

    [Fact]
    public async Task Gateway_ClientCertificateWithoutClientAuthEku_IsRefused_UnlessEnforcementIsOff()
    {
        // Let's Encrypt certificates carry serverAuth only since 2026: the seed's "ALB certificate as client certificate".
        await CredentialAsync("eku-cred", cluster.Pki.LetsEncrypt.Root.Pem);
        await cluster.ServeHostAsync("eku", Host("eku"), Objects.CredentialTls("MUTUAL", "eku-cred"));
        var request = cluster.Request($"https://{Host("eku")}/status/418") with { ClientCredential = new ProbeClientCredential(cluster.Pki.Alb.ChainPem, cluster.Pki.Alb.KeyPem()) };
        var lenientPlane = await cluster.StartPlaneAsync(o => o.EnforceClientAuthEku = false);

        var enforced = await cluster.ProbeUntilAsync(request, r => r.Failure?.Reason == ProbeFailureReason.HandshakeRefusedByServer, "the strict gateway refuses the serverAuth-only certificate");
        var lenient = await cluster.ProbeUntilAsync(cluster.Request($"https://{Host("eku")}/status/418", lenientPlane) with { ClientCredential = request.ClientCredential }, r => r.Succeeded, "the lenient gateway accepts it");

        Assert.False(enforced.Succeeded);
        Assert.Equal(418, lenient.StatusCode);
        Assert.Contains(cluster.Logs.Lines, l => l.Contains("unsupported certificate purpose", StringComparison.Ordinal));
    }

    /// <summary>What a probe sees when the gateway has no usable filter chain: the TLS handshake dropped, nothing served.</summary>
    internal static void AssertDroppedInHandshake(ProbeResult probe)
    {
        var failure = probe.Failure;
        Assert.NotNull(failure);
        Assert.True(failure.Reason == ProbeFailureReason.TlsHandshakeFailed, $"expected TlsHandshakeFailed, got {failure.Reason}: {failure.Message}");
        Assert.Equal(ProbeStage.TlsHandshake, failure.Stage);
        Assert.Contains("closed the connection during the TLS handshake", failure.Message, StringComparison.Ordinal);
        Assert.Null(probe.StatusCode);
        Assert.Empty(probe.ServerCertificateChain);
        Assert.NotEqual(true, probe.ServerRequestedClientCertificate);
    }

    private Task CredentialAsync(string name, string caPem) =>
        Task.WhenAll(
            Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, name, Objects.TlsData(cluster.Pki.Gateway)),
            Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, name + "-cacert", new Dictionary<string, byte[]> { ["ca.crt"] = Objects.Bytes(caPem) }));

    public void Dispose() => _curl.Dispose();
}
