using System.Text.Json.Nodes;
using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Storage;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>Objects the dashboard does not own, and fields others changed, are reported and left alone without consent.</summary>
public sealed class OwnershipTests
{
    [Fact]
    public async Task Run_ObjectsAndFieldsOfOthers_AreBlockedUntilConsentThenTakenOver()
    {
        await using var app = await SandboxApp.StartAsync();
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(app.Sandbox.KubeconfigPath));

        // Someone else's PeerAuthentication named like the setup's: not overwritten without consent.
        var ns = await app.RunAsync(new { steps = new[] { "namespace" } });
        Assert.Equal("Succeeded", ns["state"]!.GetValue<string>());
        var theirs = new JsonObject
        {
            ["apiVersion"] = "security.istio.io/v1",
            ["kind"] = "PeerAuthentication",
            ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = "httptools" },
            ["spec"] = new JsonObject { ["mtls"] = new JsonObject { ["mode"] = "PERMISSIVE" } },
        };
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(theirs, "security.istio.io", "v1", "httptools", "peerauthentications");
        var blocked = await app.RunAsync(new { steps = new[] { "mtls-policy" } });
        var step = SandboxApp.Step(blocked, "mtls-policy");
        Assert.Equal(("Blocked", "SETUP_NOT_OWNED"), (step["state"]!.GetValue<string>(), step["code"]!.GetValue<string>()));
        Assert.Equal("PERMISSIVE", await ModeAsync(client));

        var consented = await app.RunAsync(new { steps = new[] { "mtls-policy" }, consent = true });
        Assert.True(consented["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(consented));
        Assert.Equal("STRICT", await ModeAsync(client));
        var entry = Assert.Single(await app.Host.Services.GetRequiredService<OwnershipLedger>().ListAsync("sandbox", CancellationToken.None), e => e.Kind == "PeerAuthentication");
        Assert.Equal(OwnershipOrigin.PreExisting, entry.Origin);

        // A field the dashboard manages, changed by another field manager: detected as drift, not trampled.
        Assert.Equal("Succeeded", (await app.RunAsync(new { steps = new[] { "destination-rule" } }))["state"]!.GetValue<string>());
        var patch = new V1Patch("""{"spec":{"trafficPolicy":{"tls":{"mode":"DISABLE"}}}}""", V1Patch.PatchType.MergePatch);
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "networking.istio.io", "v1", "httptools", "destinationrules", "default", fieldManager: "kubectl-edit");
        var setup = await app.GetJsonAsync("/api/targets/sandbox/setup");
        var observation = setup["steps"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "destination-rule")!["observation"]!;
        Assert.Equal("Drifted", observation["kind"]!.GetValue<string>());
        var difference = observation["differences"]![0]!;
        Assert.Equal(("spec.trafficPolicy.tls.mode", "ISTIO_MUTUAL", "DISABLE"), (difference["path"]!.GetValue<string>(), difference["desired"]!.GetValue<string>(), difference["live"]!.GetValue<string>()));
        Assert.Contains("kubectl-edit", difference["changedBy"]!.GetValue<string>(), StringComparison.Ordinal);

        var conflict = await app.RunAsync(new { steps = new[] { "destination-rule" } });
        step = SandboxApp.Step(conflict, "destination-rule");
        Assert.Equal(("Blocked", "SETUP_FIELD_CONFLICT"), (step["state"]!.GetValue<string>(), step["code"]!.GetValue<string>()));
        Assert.Equal("DISABLE", await DestinationModeAsync(client));
        Assert.Contains("consent", step["unblock"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<string> ModeAsync(k8s.Kubernetes client) =>
        JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await client.CustomObjects.GetNamespacedCustomObjectAsync("security.istio.io", "v1", "httptools", "peerauthentications", "default")))!["spec"]!["mtls"]!["mode"]!.GetValue<string>();

    private static async Task<string> DestinationModeAsync(k8s.Kubernetes client) =>
        JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await client.CustomObjects.GetNamespacedCustomObjectAsync("networking.istio.io", "v1", "httptools", "destinationrules", "default")))!["spec"]!["trafficPolicy"]!["tls"]!["mode"]!.GetValue<string>();
}
