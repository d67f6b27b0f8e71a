using System.Text.Json.Nodes;
using Dashboard.Core.Targets;
using Dashboard.Web.Tests.Setup;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Wizard;

/// <summary>
/// What the wizard needed from the service layer beyond issue 7: a connection test that names the Istio version and
/// the ALB flavour, and verification messages that carry the served certificate and the response (the teapot).
/// </summary>
public sealed class ServiceAdditionsTests
{
    [Fact]
    public async Task ConnectionTestAndVerification_Sandbox_ReportIstioAlbServedCertificatesAndTeapot()
    {
        await using var app = await SandboxApp.StartAsync();

        var test = await app.Host.Services.GetRequiredService<TargetConnectionTester>().TestAsync("sandbox", CancellationToken.None);
        Assert.NotNull(test);
        Assert.Equal(["kubernetes", "iks", "istio", "alb"], test.Checks.Select(c => c.Name));
        Assert.True(test.Ok, string.Join("\n", test.Checks));
        Assert.Matches(@"^Istio \d+\.\d+", test.Checks[2].Detail);
        Assert.StartsWith("ALB flavour IngressNginx", test.Checks[3].Detail, StringComparison.Ordinal);

        var run = await app.RunAsync();
        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", SandboxApp.Describe(run));
        var gateway = Messages(run, "verify-gateway");
        var alb = Messages(run, "verify-alb");

        // The mTLS request: the teapot, and the gateway's certificate (issued for the nlb-dns host) with its serial.
        Assert.Contains("HTTP 418", gateway[0], StringComparison.Ordinal);
        Assert.Matches(@"Served certificate: CN=[^,]+, serial [0-9A-F]+, expires \d{4}-\d{2}-\d{2}", gateway[0]);
        Assert.Contains("-=[ teapot ]=-", gateway[0], StringComparison.Ordinal);

        // The request without a client certificate: refused in the handshake, and said to be expected.
        Assert.StartsWith("without a client certificate (must be refused): HandshakeRefusedByServer", gateway[1], StringComparison.Ordinal);

        // Through the ALB: its own certificate (the Ingress subdomain's), and the teapot.
        Assert.Contains("HTTP 418", alb[0], StringComparison.Ordinal);
        Assert.Matches(@"Served certificate: CN=[^,]*containers\.appdomain\.cloud, serial [0-9A-F]+", alb[0]);
        Assert.Contains("-=[ teapot ]=-", alb[0], StringComparison.Ordinal);
    }

    private static string[] Messages(JsonObject run, string step) =>
        [.. SandboxApp.Step(run, step)["messages"]!.AsArray().Select(m => m!.GetValue<string>())];
}
