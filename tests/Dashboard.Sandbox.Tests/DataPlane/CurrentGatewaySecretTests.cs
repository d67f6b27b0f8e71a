using Dashboard.Core.Probes;
using Dashboard.Sandbox.DataPlane.Httpbin;
using Dashboard.Sandbox.Tests.DataPlane.Infrastructure;
using Dashboard.Testing.Certificates;
using k8s;

namespace Dashboard.Sandbox.Tests.DataPlane;

/// <summary>
/// Today's gateway (SDS) with the secret layouts istiod accepts: where the client CA comes from (the credential
/// secret itself, <c>&lt;name&gt;-cacert</c>, <c>caCertCredentialName</c>), and a renewed certificate picked up live.
/// </summary>
[Collection(CurrentClusterCollection.Name)]
public sealed class CurrentGatewaySecretTests(CurrentCluster cluster)
{
    private static string Host(string label) => $"{label}.{DataPlanePki.GatewayDomain}";

    [Fact]
    public async Task Gateway_OneSecretWithCertKeyAndCacert_RequiresAClientCertificateFromThatCa()
    {
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "single-cred", new Dictionary<string, byte[]>
        {
            ["cert"] = Objects.Bytes(cluster.Pki.Gateway.ChainPem),
            ["key"] = Objects.Bytes(cluster.Pki.Gateway.KeyPem(Objects.KeyFormat(cluster.Pki.Gateway))),
            ["cacert"] = Objects.Bytes(cluster.Pki.PrivateCa.Root.Pem),
        });
        await cluster.ServeHostAsync("single", Host("single"), Objects.CredentialTls("MUTUAL", "single-cred"));

        var teapot = await cluster.ProbeUntilAsync(cluster.GatewayRequest($"https://{Host("single")}/status/418"), r => r.Succeeded, "the single secret is served");
        var anonymous = await cluster.ProbeAsync(cluster.Request($"https://{Host("single")}/status/418"));

        Assert.Equal((418, HttpbinApp.Teapot), (teapot.StatusCode, teapot.BodyExcerpt));
        Assert.Equal(cluster.Pki.Gateway.Leaf.Sha256Fingerprint, teapot.ServerCertificateChain[0].Sha256Fingerprint);
        Assert.Equal(ProbeFailureReason.HandshakeRefusedByServer, anonymous.Failure?.Reason);
        var server = Server("single");
        Assert.Equal("secret istio-system/single-cred (cert, key)", server.CertificateSource);
        Assert.Equal("secret istio-system/single-cred (cacert)", server.ClientCaSource);
    }

    [Fact]
    public async Task Gateway_CacertSecretFromAnotherCa_TakesPrecedenceOverTheCredentialSecretsOwnCa()
    {
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "prec-cred", CredentialWithCa(cluster.Pki.PrivateCa.Root.Pem));
        await cluster.ServeHostAsync("prec", Host("prec"), Objects.CredentialTls("MUTUAL", "prec-cred"));
        var albRequest = cluster.GatewayRequest($"https://{Host("prec")}/status/418");
        await cluster.ProbeUntilAsync(albRequest, r => r.Succeeded, "the secret's own ca.crt lets the ALB's client in");

        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "prec-cred-cacert", new Dictionary<string, byte[]> { ["cacert"] = Objects.Bytes(cluster.Pki.Rogue.Root.Pem) });
        var refused = await cluster.ProbeUntilAsync(albRequest, r => !r.Succeeded, "the -cacert secret replaces the CA");
        var rogue = await cluster.ProbeAsync(ClientRequest(Host("prec"), cluster.Pki.RogueClient));

        Assert.Equal(ProbeFailureReason.HandshakeRefusedByServer, refused.Failure?.Reason);
        Assert.True(rogue.Succeeded, rogue.Failure?.Message);
        Assert.Equal("secret istio-system/prec-cred-cacert (cacert)", Server("prec").ClientCaSource);
    }

    [Fact]
    public async Task Gateway_CaCertCredentialName_NamesTheClientCaSecret()
    {
        // Both places Istio looks without caCertCredentialName hold the wrong CA, so only the named secret can admit the ALB.
        await Task.WhenAll(
            Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "named-cred", CredentialWithCa(cluster.Pki.Rogue.Root.Pem)),
            Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "named-cred-cacert", new Dictionary<string, byte[]> { ["ca.crt"] = Objects.Bytes(cluster.Pki.Rogue.Root.Pem) }),
            Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "named-client-ca", new Dictionary<string, byte[]> { ["ca.crt"] = Objects.Bytes(cluster.Pki.PrivateCa.Root.Pem) }));
        var tls = Objects.CredentialTls("MUTUAL", "named-cred");
        tls["caCertCredentialName"] = "named-client-ca";
        await cluster.ServeHostAsync("named", Host("named"), tls);

        var teapot = await cluster.ProbeUntilAsync(cluster.GatewayRequest($"https://{Host("named")}/status/418"), r => r.Succeeded, "the named CA lets the ALB's client in");
        var rogue = await cluster.ProbeAsync(ClientRequest(Host("named"), cluster.Pki.RogueClient));

        Assert.Equal(HttpbinApp.Teapot, teapot.BodyExcerpt);
        Assert.Equal(ProbeFailureReason.HandshakeRefusedByServer, rogue.Failure?.Reason);
        Assert.Equal("secret istio-system/named-client-ca (ca.crt)", Server("named").ClientCaSource);
    }

    [Fact]
    public async Task Gateway_CredentialSecretRenewed_ServesTheNewCertificateWithoutRestart()
    {
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "renew-cred", Objects.TlsData(cluster.Pki.Gateway));
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "renew-cred-cacert", new Dictionary<string, byte[]> { ["ca.crt"] = Objects.Bytes(cluster.Pki.PrivateCa.Root.Pem) });
        await cluster.ServeHostAsync("renew", Host("renew"), Objects.CredentialTls("MUTUAL", "renew-cred"));
        var request = cluster.GatewayRequest($"https://{Host("renew")}/status/418");
        var before = await cluster.ProbeUntilAsync(request, r => r.Succeeded, "the first certificate is served");
        var pods = await GatewayPodsAsync();
        var generation = cluster.Plane.Describe().Gateway.Generation;

        // IKS renewed the certificate; the secret gets the new tls.crt/tls.key and SDS pushes it to the running pods.
        await Objects.CreateSecretAsync(cluster.Client, Objects.IstioSystem, "renew-cred", Objects.TlsData(cluster.Pki.GatewayRenewed));
        var renewed = await cluster.ProbeUntilAsync(
            request, r => r.ServerCertificateChain.Count > 0 && r.ServerCertificateChain[0].Sha256Fingerprint == cluster.Pki.GatewayRenewed.Leaf.Sha256Fingerprint, "the renewed certificate is served");

        Assert.Equal(cluster.Pki.Gateway.Leaf.Sha256Fingerprint, before.ServerCertificateChain[0].Sha256Fingerprint);
        Assert.NotEqual(cluster.Pki.Gateway.Leaf.Sha256Fingerprint, cluster.Pki.GatewayRenewed.Leaf.Sha256Fingerprint);
        Assert.True(renewed.Succeeded, renewed.Failure?.Message);
        Assert.Equal(HttpbinApp.Teapot, renewed.BodyExcerpt);
        Assert.NotEmpty(pods);
        Assert.Equal(pods, await GatewayPodsAsync());
        Assert.Equal(generation, cluster.Plane.Describe().Gateway.Generation);
        Assert.Equal(cluster.Pki.GatewayRenewed.Leaf.Sha256Fingerprint, Server("renew").CertificateSha256);
    }

    private Dictionary<string, byte[]> CredentialWithCa(string caPem) =>
        new(Objects.TlsData(cluster.Pki.Gateway)) { ["ca.crt"] = Objects.Bytes(caPem) };

    private ProbeRequest ClientRequest(string host, TestCredential client) =>
        cluster.Request($"https://{host}/status/418") with { ClientCredential = new ProbeClientCredential(client.ChainPem, client.KeyPem()) };

    private Dashboard.Sandbox.DataPlane.GatewayServerInfo Server(string gateway) =>
        cluster.Plane.Describe().GatewayServers.Single(s => s.Gateway == "istio-system/" + gateway);

    /// <summary>The gateway pods' names and UIDs, sorted: a restart replaces them.</summary>
    private async Task<string[]> GatewayPodsAsync()
    {
        var pods = await cluster.Client.CoreV1.ListNamespacedPodAsync(Objects.IstioSystem, labelSelector: "istio=ingressgateway");
        return [.. pods.Items.Select(p => $"{p.Metadata.Name}/{p.Metadata.Uid}").Order(StringComparer.Ordinal)];
    }
}
