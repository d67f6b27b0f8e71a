using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Storage;
using Dashboard.Web.Testing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>The faults the issue names, each against a sandbox of its own.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Run_IksAnswers503And429Intermittently_StillSucceeds()
    {
        await using var app = await SandboxApp.StartAsync();
        using var http = new HttpClient();
        // Scripted failures first (deterministic), then a random share of 503/429 with a fixed seed.
        var faults = await http.PostAsJsonAsync(app.Sandbox.Iks.FaultsUrl, new { rate503 = 0.2, rate429 = 0.1, retryAfterSeconds = 1, seed = 42, failNext = new { status = 503, count = 3 } });
        Assert.True(faults.IsSuccessStatusCode, await faults.Content.ReadAsStringAsync());

        var run = await app.RunAsync(timeout: TimeSpan.FromSeconds(120));

        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run));
        Assert.Equal(0, app.Sandbox.Iks.Faults.PendingScripted);
        var clients = (await app.Host.Services.GetRequiredService<Core.Targets.ITargetClients>().GetAsync("sandbox", CancellationToken.None))!;
        Assert.Single((await clients.Iks!.ListNlbDnsAsync(clients.Credential!, "sandbox")).Value!, e => e.Ips.Contains("169.46.52.10"));
    }

    [Fact]
    public async Task Run_NlbCertificateStaysCreating_WaitsWithStatusThenTimesOutClearly()
    {
        await using var app = await SandboxApp.StartAsync(new Dictionary<string, string?> { ["Setup:NlbWaitTimeout"] = "00:00:03" });
        app.Sandbox.Iks.Faults.Set(new Sandbox.Iks.SandboxIksFaultOptions { StuckCreating = true });

        var id = await app.StartRunAsync();
        var waiting = await Eventually(app, id, r => r["state"]!.GetValue<string>() == "Waiting");
        var step = SandboxApp.Step(waiting, "nlb-certificate");
        Assert.Equal("creating", step["waitingStatus"]!.GetValue<string>());
        Assert.NotNull(waiting["nextPollAt"]?.GetValue<DateTime>());

        var run = await app.WaitForRunAsync(id, TimeSpan.FromSeconds(60));
        step = SandboxApp.Step(run, "nlb-certificate");
        Assert.Equal("Failed", run["state"]!.GetValue<string>());
        Assert.Equal("SETUP_CERTIFICATE_TIMEOUT", step["code"]!.GetValue<string>());
        Assert.Contains("Timed out after 00:00:03", step["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("'creating'", step["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Pending", SandboxApp.Step(run, "secrets")["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_PreExistingNamespace_IsKeptOnlyLabelledAndRecordedAsPreExisting()
    {
        await using var app = await SandboxApp.StartAsync();
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(app.Sandbox.KubeconfigPath));
        var created = await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "httptools", Labels = new Dictionary<string, string> { ["team"] = "payments" } } });

        var run = await app.RunAsync(new { steps = new[] { "namespace" } });

        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run));
        var ns = await client.CoreV1.ReadNamespaceAsync("httptools");
        Assert.Equal(created.Metadata.Uid, ns.Metadata.Uid);
        Assert.Equal("payments", ns.Metadata.Labels["team"]);
        Assert.Equal("enabled", ns.Metadata.Labels["istio-injection"]);
        Assert.False(ns.Metadata.Labels.ContainsKey("app.kubernetes.io/managed-by"));
        Assert.True(ns.Metadata.Annotations.ContainsKey("iks-istio-mtls-dashboard/setup-id"));
        var ledger = app.Host.Services.GetRequiredService<OwnershipLedger>();
        var entry = Assert.Single(await ledger.ListAsync("sandbox", CancellationToken.None), e => e.Kind == "Namespace");
        Assert.Equal(OwnershipOrigin.PreExisting, entry.Origin);
        var prior = ledger.PriorStateOf(entry)!;
        Assert.Equal("payments", prior["metadata"]!["labels"]!["team"]!.GetValue<string>());
        Assert.Null(prior["metadata"]!["labels"]!["istio-injection"]);
    }

    [Fact]
    public async Task Run_GatewayServiceWithoutExternalIp_IsBlockedWithTheReason()
    {
        await using var app = await SandboxApp.StartAsync(new Dictionary<string, string?> { ["Sandbox:Kubernetes:GatewayExternalIp"] = "" });

        var run = await app.RunAsync();

        Assert.Equal("Blocked", run["state"]!.GetValue<string>());
        var step = SandboxApp.Step(run, "gateway-address");
        Assert.Equal("Blocked", step["state"]!.GetValue<string>());
        Assert.Equal("SETUP_NO_EXTERNAL_ADDRESS", step["code"]!.GetValue<string>());
        Assert.Contains("no external IP", step["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("EXTERNAL-IP", step["unblock"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Pending", SandboxApp.Step(run, "nlb-dns")["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_IksSecretWithMismatchedKey_IsBlockedWithTheCertificateCoresCode()
    {
        await using var app = await SandboxApp.StartAsync();
        var prepared = await app.RunAsync(new { steps = new[] { "1", "2", "3", "4", "5", "6", "7", "8" } });
        Assert.True(prepared["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(prepared));
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(app.Sandbox.KubeconfigPath));
        var iksSecret = (await client.CoreV1.ListNamespacedSecretAsync("istio-system")).Items.Single(s => s.Metadata.Annotations?.ContainsKey("ingress.cloud.ibm.com/cert-source") == true);
        using var otherKey = RSA.Create(2048);
        iksSecret.Data["tls.key"] = Encoding.ASCII.GetBytes(otherKey.ExportRSAPrivateKeyPem());
        await client.CoreV1.ReplaceNamespacedSecretAsync(iksSecret, iksSecret.Metadata.Name, "istio-system");
        var writes = app.KubernetesWrites;

        var run = await app.RunAsync(new { steps = new[] { "secrets" } });

        var step = SandboxApp.Step(run, "secrets");
        Assert.Equal("Blocked", step["state"]!.GetValue<string>());
        Assert.Equal("CERT_KEY_MISMATCH", step["code"]!.GetValue<string>());
        Assert.Contains(iksSecret.Metadata.Name, step["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("regenerate", step["unblock"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(writes, app.KubernetesWrites);
        Assert.DoesNotContain("PRIVATE KEY", run.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_ViewerChangingAnything_GetsForbidden()
    {
        await using var app = await SandboxApp.StartAsync();
        var created = await app.Api.PostAsJsonAsync("/api/users", new { userName = "viewer", password = "viewer-password-123", role = "Viewer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var viewer = app.Host.CreateClient();
        await DashboardHost.LoginAsync(viewer, "viewer", "viewer-password-123");

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/targets/sandbox/setup")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/targets/sandbox/setup/runs", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/targets/sandbox/setup", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/sandbox/clock/advance", new { by = "1.00:00:00" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/targets", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/targets/sandbox/setup/cleanup", null)).StatusCode);
        var runs = await app.GetJsonAsync("/api/targets/sandbox/setup");
        Assert.NotNull(runs);
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> Eventually(SandboxApp app, Guid id, Func<System.Text.Json.Nodes.JsonObject, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = await app.GetJsonAsync($"/api/runs/{id}");
            if (condition(run))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, "condition not met: " + run);
            await Task.Delay(50);
        }
    }
}
