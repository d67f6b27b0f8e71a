using System.Text.Json.Nodes;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// The whole setup against the sandbox through /api alone, for each profile combination the issue names; both
/// verifications must pass, and a second run must send no write request to the Kubernetes API.
/// </summary>
public sealed class FullSetupTests
{
    [Fact]
    public async Task FullSetup_CurrentIngressNginxPrivateCa_VerifiesAndRerunWritesNothing()
    {
        await using var app = await SandboxApp.StartAsync();
        var setup = await app.GetJsonAsync("/api/targets/sandbox/setup");
        Assert.Equal(("Current", "IngressNginx", "PrivateCa", "Classic"), Profile(setup));
        Assert.Contains("lacks", string.Join(" ", setup["detection"]!["clientCertificate"]!["evidence"]!.AsArray().Select(e => e!.GetValue<string>())).Replace("but not clientAuth", "lacks", StringComparison.Ordinal), StringComparison.Ordinal);

        var events = app.Host.Services.GetRequiredService<ISetupEvents>();
        using var subscription = events.Subscribe("sandbox");
        await RunTwiceAsync(app);

        // Live progress: every step's transitions and the run's end were published.
        var seen = new List<SetupEvent>();
        while (subscription.Events.TryRead(out var e))
        {
            seen.Add(e);
        }

        Assert.Contains(seen, e => e.StepId == "namespace" && e.StepState == SetupStepState.Succeeded);
        Assert.Contains(seen, e => e.StepId == "verify-alb" && e.StepState == SetupStepState.Succeeded);
        Assert.Contains(seen, e => e.StepId is null && e.RunState == SetupRunState.Succeeded);

        // Every apply is audited with the user, the step and what changed.
        var audit = await app.GetJsonAsync("/api/audit?action=setup.apply&pageSize=100");
        var entries = audit["items"]!.AsArray();
        Assert.Contains(entries, e => e!["subject"]!.GetValue<string>() == "sandbox/namespace" && e["actor"]!.GetValue<string>() == "bootstrap-token"
            && e["details"]!.GetValue<string>().Contains("created Namespace httptools", StringComparison.Ordinal));
        Assert.Contains(entries, e => e!["subject"]!.GetValue<string>() == "sandbox/nlb-dns" && e["details"]!.GetValue<string>().Contains("registered nlb-dns subdomain", StringComparison.Ordinal));

        // Secrets appear in plans as keys and certificate summaries, never as values; never in logs.
        var plan = await app.GetJsonAsync("/api/targets/sandbox/setup/plan");
        var secrets = plan["steps"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "secrets")!["plan"]!["objects"]!.AsArray();
        Assert.Equal(2, secrets.Count);
        Assert.All(secrets, o => Assert.Equal("none", o!["action"]!.GetValue<string>()));
        Assert.Contains("never shown", plan.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", plan.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", app.Host.Logs.RenderAll(), StringComparison.Ordinal);

        using var client = Kubernetes(app);
        var gateway = await client.CustomObjects.GetNamespacedCustomObjectAsync("networking.istio.io", "v1", "istio-system", "gateways", "default-ingress-gateway");
        var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(gateway))!;
        Assert.Equal("MUTUAL", json["spec"]!["servers"]![0]!["tls"]!["mode"]!.GetValue<string>());
        var credential = json["spec"]!["servers"]![0]!["tls"]!["credentialName"]!.GetValue<string>();
        // The Gateway reads IKS's own secret in istio-system (registered with --secret-namespace): nothing copied it.
        var iksSecret = await client.CoreV1.ReadNamespacedSecretAsync(credential, "istio-system");
        Assert.Equal("ibm", iksSecret.Metadata.Annotations["ingress.cloud.ibm.com/cert-source"]);
        Assert.NotNull(await client.CoreV1.ReadNamespacedSecretAsync(credential + "-cacert", "istio-system"));
    }

    [Fact]
    public async Task FullSetup_CurrentIngressNginxIksAlbCertificateWithClientAuth_VerifiesAndRerunWritesNothing()
    {
        await using var app = await SandboxApp.StartAsync(new Dictionary<string, string?> { ["Sandbox:Iks:IssueClientAuth"] = "true" });
        var setup = await app.GetJsonAsync("/api/targets/sandbox/setup");
        Assert.Equal(("Current", "IngressNginx", "IksAlbCertificate", "Classic"), Profile(setup));

        await RunTwiceAsync(app);

        using var client = Kubernetes(app);
        var alb = await client.CoreV1.ReadNamespacedSecretAsync("alb-certs", "istio-system");
        Assert.Equal(["ca.crt", "tls.crt", "tls.key"], alb.Data.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FullSetup_LegacyIbmIngress_VerifiesAndRerunWritesNothing()
    {
        await using var app = await SandboxApp.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:Kubernetes:Flavour"] = "Legacy",
            ["Sandbox:Iks:IssueClientAuth"] = "true",
        });
        var setup = await app.GetJsonAsync("/api/targets/sandbox/setup");
        Assert.Equal(("Legacy", "IbmIngress", "IksAlbCertificate", "Classic"), Profile(setup));

        var run = await RunTwiceAsync(app);
        Assert.Equal("Succeeded", SandboxApp.Step(run, "gateway-reload")["state"]!.GetValue<string>());

        using var client = Kubernetes(app);
        var alb = await client.CoreV1.ReadNamespacedSecretAsync("alb-certs", "istio-system");
        Assert.Equal(["client.crt", "client.key", "trusted.crt"], alb.Data.Keys.Order(StringComparer.Ordinal));
        Assert.NotNull(await client.CoreV1.ReadNamespacedSecretAsync("istio-ingressgateway-certs", "istio-system"));
        Assert.NotNull(await client.CustomObjects.GetNamespacedCustomObjectAsync("authentication.istio.io", "v1alpha1", "httptools", "policies", "default"));
    }

    /// <summary>Runs the setup, checks both verifications, runs it again and checks it wrote nothing; returns the first run.</summary>
    private static async Task<JsonObject> RunTwiceAsync(SandboxApp app)
    {
        var first = await app.RunAsync();
        Assert.True(first["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(first));
        Assert.Equal("Succeeded", SandboxApp.Step(first, "verify-gateway")["state"]!.GetValue<string>());
        Assert.Equal("Succeeded", SandboxApp.Step(first, "verify-alb")["state"]!.GetValue<string>());
        Assert.Contains("HTTP 418", SandboxApp.Step(first, "verify-alb")["messages"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("HandshakeRefusedByServer", SandboxApp.Step(first, "verify-gateway")["messages"]!.ToJsonString(), StringComparison.Ordinal);

        var before = app.KubernetesWrites;
        var second = await app.RunAsync();
        Assert.True(second["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(second) + "\n" + app.SandboxWarnings());
        Assert.Equal(before, app.KubernetesWrites);
        Assert.All(second["steps"]!.AsArray(), s => Assert.Equal(0, s!["kubernetesWrites"]!.GetValue<int>()));
        return first;
    }

    private static (string, string, string, string) Profile(JsonObject setup)
    {
        var profile = setup["detection"]!["profile"]!;
        return (profile["istioApi"]!.GetValue<string>(), profile["albFlavour"]!.GetValue<string>(), profile["clientCertificate"]!.GetValue<string>(), profile["clusterType"]!.GetValue<string>());
    }

    private static k8s.Kubernetes Kubernetes(SandboxApp app) => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(app.Sandbox.KubeconfigPath));
}
