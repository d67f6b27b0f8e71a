using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dashboard.Core.Targets;
using Dashboard.Testing.Seed;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// What a Legacy setup of the sandbox (Istio 1.4, IBM Ingress ALB, the ALB's IKS certificate with clientAuth) actually
/// writes, compared with the seed: every object of the plan after the run (the YAML the setup applied; secrets as
/// type and key names) against the seed's objects, differing only by the documented modernisations; then, from the
/// cluster, which certificate and key ended up under each secret key.
/// </summary>
public sealed class LegacySeedEmittedTests
{
    [Fact]
    public async Task LegacySetup_WrittenObjects_MatchTheSeedApartFromDocumentedModernisations()
    {
        await using var app = await SandboxApp.StartAsync(new Dictionary<string, string?> { ["Sandbox:Kubernetes:Flavour"] = "Legacy", ["Sandbox:Iks:IssueClientAuth"] = "true" });
        var run = await app.RunAsync();
        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run));

        var setupId = (await app.GetJsonAsync("/api/targets/sandbox/setup"))["setupId"]!.GetValue<string>();
        var clients = (await app.Host.Services.GetRequiredService<ITargetClients>().GetAsync("sandbox", CancellationToken.None))!;
        var cluster = (await clients.Iks!.GetClusterAsync(clients.Credential!, "sandbox")).Value!;
        var plan = await app.GetJsonAsync("/api/targets/sandbox/setup/plan");
        var written = plan["steps"]!.AsArray().SelectMany(s => s!["plan"]!["objects"]!.AsArray())
            .ToDictionary(o => $"{o!["kind"]} {o["namespace"]}/{o["name"]}", o => SeedYaml.Parse(o!["yaml"]!.GetValue<string>()), StringComparer.Ordinal);
        var seed = LegacySeed.Objects(setupId, cluster.IngressHostname!, cluster.IngressSecretName!);

        Assert.Equal(seed.Select(o => o.Key).Order(StringComparer.Ordinal), written.Keys.Order(StringComparer.Ordinal));
        foreach (var expected in seed)
        {
            LegacySeed.AssertMatches(expected, written[expected.Key]);
        }

        // Which certificate and key went where: the seed's choices, with the roots computed from the chains (M3).
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(app.Sandbox.KubeconfigPath));
        var nlbName = Assert.Single((await clients.Iks.ListNlbDnsAsync(clients.Credential!, "sandbox")).Value!, e => e.Ips.Contains("169.46.52.10")).SecretName!;
        var nlb = (await client.CoreV1.ReadNamespacedSecretAsync(nlbName, "default")).Data;
        var alb = (await client.CoreV1.ReadNamespacedSecretAsync(cluster.IngressSecretName, "default")).Data;
        var certs = (await client.CoreV1.ReadNamespacedSecretAsync("istio-ingressgateway-certs", "istio-system")).Data;
        var caCerts = (await client.CoreV1.ReadNamespacedSecretAsync("istio-ingressgateway-ca-certs", "istio-system")).Data;
        var albCerts = (await client.CoreV1.ReadNamespacedSecretAsync("alb-certs", "istio-system")).Data;

        // istio-ingressgateway-certs: the gateway's (nlb-dns) key, its chain, then the root it ends at (the seed's trusted.crt).
        var gatewayChain = Certificates(certs["tls.crt"]);
        Assert.Equal(Certificates(nlb["tls.crt"]).Select(c => c.Thumbprint), gatewayChain.Take(gatewayChain.Count - 1).Select(c => c.Thumbprint));
        Assert.Equal(gatewayChain[^1].SubjectName.Name, gatewayChain[^1].IssuerName.Name);
        Assert.Equal(PublicKey(nlb["tls.key"]), PublicKey(certs["tls.key"]));

        // alb-certs: the ALB's certificate and key as the client credential, trusted.crt verifying the gateway's chain.
        Assert.Equal(Certificates(alb["tls.crt"])[0].Thumbprint, Certificates(albCerts["client.crt"])[0].Thumbprint);
        Assert.Equal(PublicKey(alb["tls.key"]), PublicKey(albCerts["client.key"]));
        Assert.True(Verifies(albCerts["trusted.crt"], certs["tls.crt"]), "alb-certs' trusted.crt does not verify the gateway's chain");

        // istio-ingressgateway-ca-certs: a bundle verifying the ALB's client certificate (the seed's trustid-x3-root.pem).
        Assert.True(Verifies(caCerts["client-ca-bundle.pem"], albCerts["client.crt"]), "the client CA bundle does not verify the ALB's certificate");
    }

    private static X509Certificate2Collection Certificates(byte[] pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(Encoding.ASCII.GetString(pem));
        Assert.NotEmpty(collection);
        return collection;
    }

    private static string PublicKey(byte[] pem)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(Encoding.ASCII.GetString(pem));
        return Convert.ToHexString(rsa.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Whether the first certificate of <paramref name="chainPem"/> chains (through the rest) to a root in <paramref name="rootsPem"/>, and only there.</summary>
    private static bool Verifies(byte[] rootsPem, byte[] chainPem)
    {
        var chain = Certificates(chainPem);
        using var verifier = new X509Chain();
        verifier.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        verifier.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        verifier.ChainPolicy.CustomTrustStore.AddRange(Certificates(rootsPem));
        verifier.ChainPolicy.ExtraStore.AddRange(chain);
        return verifier.Build(chain[0]);
    }
}
