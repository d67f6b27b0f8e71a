using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Core.Targets;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// Profile detection and overrides end to end through /api: a VPC cluster (the IKS simulator's vpc-gen2 provider
/// bound to the sandbox cluster, whose gateway load balancer reports a host name) set up by host name, and overrides
/// set with PUT, shown by GET and honoured by runs, including the refused IksAlbCertificate choice.
/// </summary>
public sealed class ProfileTests
{
    private const string GatewayLbHostname = "a1b2c3d4-us-south.lb.appdomain.cloud";
    private const string AlbLbHostname = "5e8a7c1f-us-south.lb.appdomain.cloud";

    /// <summary>The sandbox account with one cluster, <c>sandbox</c>, on VPC; its load balancers have host names.</summary>
    public static Dictionary<string, string?> VpcSettings() => new()
    {
        ["Sandbox:Iks:IncludeDefaults"] = "false",
        ["Sandbox:Iks:Accounts:0:Id"] = "5a4db0c5e0a74f0f9d3b8c2a1e6f7d90",
        ["Sandbox:Iks:Accounts:0:Name"] = "Sandbox",
        ["Sandbox:Iks:Accounts:0:Owner"] = "sandbox.owner@example.com",
        ["Sandbox:Iks:Accounts:0:ApiKeys:0:Key"] = "sandbox-api-key",
        ["Sandbox:Iks:Accounts:0:ApiKeys:0:Role"] = "Administrator",
        ["Sandbox:Iks:Clusters:0:Name"] = "sandbox",
        ["Sandbox:Iks:Clusters:0:Id"] = "sandbox00000000000",
        ["Sandbox:Iks:Clusters:0:Provider"] = "vpc-gen2",
        ["Sandbox:Iks:Clusters:0:BindToKubernetes"] = "true",
        ["Sandbox:Iks:Clusters:0:AlbHostname"] = AlbLbHostname,
        ["Sandbox:Kubernetes:GatewayExternalHostname"] = GatewayLbHostname,
        ["Sandbox:DataPlane:AlbPublicHostname"] = AlbLbHostname,
    };

    [Fact]
    public async Task FullSetup_VpcCluster_RegistersByLoadBalancerHostNameAndVerifies()
    {
        await using var app = await SandboxApp.StartAsync(VpcSettings());

        var setup = await app.GetJsonAsync("/api/targets/sandbox/setup");
        Assert.Equal("Vpc", setup["detection"]!["profile"]!["clusterType"]!.GetValue<string>());
        Assert.Contains("vpc-gen2", setup["detection"]!["clusterType"]!["evidence"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.False(setup["detection"]!["clusterType"]!["overridden"]!.GetValue<bool>());

        var run = await app.RunAsync();

        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run) + "\n" + app.SandboxWarnings());
        Assert.Contains(GatewayLbHostname, SandboxApp.Step(run, "gateway-address")["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Succeeded", SandboxApp.Step(run, "verify-gateway")["state"]!.GetValue<string>());
        Assert.Equal("Succeeded", SandboxApp.Step(run, "verify-alb")["state"]!.GetValue<string>());
        Assert.Contains("HTTP 418", SandboxApp.Step(run, "verify-alb")["messages"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("HandshakeRefusedByServer", SandboxApp.Step(run, "verify-gateway")["messages"]!.ToJsonString(), StringComparison.Ordinal);

        // The registration IKS made is a VPC one (by host name, no IPs), made once, through nlb-dns create vpc-gen2.
        var clients = (await app.Host.Services.GetRequiredService<ITargetClients>().GetAsync("sandbox", CancellationToken.None))!;
        var registration = Assert.Single((await clients.Iks!.ListNlbDnsAsync(clients.Credential!, "sandbox")).Value!, e => !e.IsIngressSubdomain);
        Assert.Equal(GatewayLbHostname, registration.LbHostname);
        Assert.Empty(registration.Ips);
        Assert.Equal("istio-system", registration.SecretNamespace);
        Assert.Equal(1, app.Sandbox.Iks.Requests["v2.nlb-dns.createNlbDNS"]);
        var plan = await app.GetJsonAsync("/api/targets/sandbox/setup/plan");
        var commands = PlanStep(plan, "nlb-dns")["plan"]!["commands"]!.ToJsonString();
        Assert.Contains($"nlb-dns create vpc-gen2 --cluster sandbox --lb-host {GatewayLbHostname} --secret-namespace istio-system", commands, StringComparison.Ordinal);
        await SetupInventory.AssertNoDuplicatesOrOrphansAsync(app, gatewayAddress: GatewayLbHostname);
    }

    [Fact]
    public async Task Overrides_PutThroughTheApi_ShownByGetAndUsedByRunsIncludingTheRefusedIksAlbCertificate()
    {
        // The sandbox ALB certificate has serverAuth only (as Let's Encrypt's since 2026): detection proposes PrivateCa.
        await using var app = await SandboxApp.StartAsync();
        var detected = (await app.GetJsonAsync("/api/targets/sandbox/setup"))["detection"]!;
        Assert.Equal(("PrivateCa", "IngressNginx"), (Value(detected, "clientCertificate"), Value(detected, "albFlavour")));
        Assert.Empty(detected["warnings"]!.AsArray());

        using var put = await app.Api.PutAsJsonAsync("/api/targets/sandbox/setup", new { overrides = new { clientCertificate = "IksAlbCertificate", albFlavour = "IbmIngress" } });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        var setup = await app.GetJsonAsync("/api/targets/sandbox/setup");
        var detection = setup["detection"]!;
        Assert.Equal(("IksAlbCertificate", "IbmIngress", "Current"), (Value(detection, "clientCertificate"), Value(detection, "albFlavour"), Value(detection, "istioApi")));
        Assert.True(detection["clientCertificate"]!["overridden"]!.GetValue<bool>());
        Assert.Equal("PrivateCa", detection["clientCertificate"]!["detected"]!.GetValue<string>());
        Assert.Equal("IngressNginx", detection["albFlavour"]!["detected"]!.GetValue<string>());
        Assert.False(detection["istioApi"]!["overridden"]!.GetValue<bool>());
        Assert.Equal("IksAlbCertificate", setup["overrides"]!["clientCertificate"]!.GetValue<string>());
        Assert.Contains(detection["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("IksAlbCertificate is refused", StringComparison.Ordinal));

        var run = await app.RunAsync();

        Assert.Equal("Blocked", run["state"]!.GetValue<string>());
        Assert.Equal("IksAlbCertificate", run["profile"]!["clientCertificate"]!.GetValue<string>());
        var secrets = SandboxApp.Step(run, "secrets");
        Assert.True(secrets["state"]!.GetValue<string>() == "Blocked", SandboxApp.Describe(run));
        Assert.Equal("CERT_CLIENT_AUTH_MISSING", secrets["code"]!.GetValue<string>());
        Assert.Contains("PrivateCa", secrets["unblock"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Succeeded", SandboxApp.Step(run, "nlb-certificate")["state"]!.GetValue<string>());
        Assert.Equal("Pending", SandboxApp.Step(run, "gateway")["state"]!.GetValue<string>());
        Assert.DoesNotContain("PRIVATE KEY", run.ToJsonString(), StringComparison.Ordinal);

        // The ALB flavour override reaches the objects: the Ingress is planned with the IBM Ingress annotation.
        var ingress = PlanStep(await app.GetJsonAsync("/api/targets/sandbox/setup/plan"), "ingress")["plan"]!["objects"]![0]!["yaml"]!.GetValue<string>();
        Assert.Contains("ingress.bluemix.net/ssl-services", ingress, StringComparison.Ordinal);
        Assert.DoesNotContain("nginx.ingress.kubernetes.io", ingress, StringComparison.Ordinal);

        // Clearing the overrides goes back to what detection found.
        using var clear = await app.Api.PutAsJsonAsync("/api/targets/sandbox/setup", new { overrides = new { } });
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        var cleared = (await app.GetJsonAsync("/api/targets/sandbox/setup"))["detection"]!;
        Assert.Equal(("PrivateCa", "IngressNginx"), (Value(cleared, "clientCertificate"), Value(cleared, "albFlavour")));
        Assert.False(cleared["clientCertificate"]!["overridden"]!.GetValue<bool>());
    }

    private static string Value(JsonNode detection, string choice) => detection["profile"]![choice]!.GetValue<string>();

    private static JsonNode PlanStep(JsonObject plan, string id) => plan["steps"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == id)!;
}
