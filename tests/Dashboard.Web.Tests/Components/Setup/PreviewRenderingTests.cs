using Bunit;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Storage;
using Dashboard.Web.Components.Setup;
using Dashboard.Web.Tests.ViewModels;
using Dashboard.Web.ViewModels.Preview;
using Dashboard.Web.ViewModels.Setup;
using static Dashboard.Web.Tests.ViewModels.SetupFakes;

namespace Dashboard.Web.Tests.Components.Setup;

public sealed class PreviewRenderingTests : WizardComponentTest
{
    [Fact]
    public void YamlView_Manifest_HighlightedAsSpans()
    {
        var cut = Render<YamlView>(p => p.Add(c => c.Yaml, "apiVersion: networking.istio.io/v1\nkind: Gateway\nspec:\n  servers:\n  - port:\n      number: 443\n    tls:\n      mode: MUTUAL\n"));

        Assert.Equal(["apiVersion", "kind", "spec", "servers", "port", "number", "tls", "mode"], cut.FindAll("span.yaml-key").Select(e => e.TextContent));
        Assert.Equal("443", cut.Find("span.yaml-number").TextContent);
        Assert.Contains("MUTUAL", cut.FindAll("span.yaml-value").Select(e => e.TextContent));
        Assert.Equal("apiVersion: networking.istio.io/v1\nkind: Gateway\nspec:\n  servers:\n  - port:\n      number: 443\n    tls:\n      mode: MUTUAL\n", cut.Find("pre").TextContent);
    }

    [Fact]
    public void YamlView_RealPrivateKeysInTheInput_NoKeyMaterialInTheMarkup()
    {
        var yaml = "apiVersion: v1\nkind: Secret\nstringData:\n  tls.key: |\n" + string.Join('\n', TestKeys.RsaPem.Split('\n').Select(l => "    " + l)) +
            $"\n  ec.key: \"{TestKeys.EcPem.Replace("\n", "\\n", StringComparison.Ordinal)}\"\ndata:\n  client.key: {TestKeys.RsaPemBase64}\n  der.key: {TestKeys.EcDerBase64}\n";

        var cut = Render<YamlView>(p => p.Add(c => c.Yaml, yaml));

        AssertNoKeyMaterial(cut.Markup);
        Assert.Contains(KeyMaterialFilter.Placeholder, cut.Markup, StringComparison.Ordinal);
        Assert.Contains("kind", cut.FindAll("span.yaml-key").Select(e => e.TextContent));
    }

    [Fact]
    public void StepCard_PlanAndResultCarryingKeys_NothingOfTheKeysInAnyTab()
    {
        var yaml = $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: alb-certs\ndata:\n  tls.key: {TestKeys.RsaPemBase64}\n  tls.crt: CN=httpbin (until 2027-02-24)\n";
        // The diff shows every desired line as added, a PEM key block spanning lines among them.
        var desired = yaml + "  ec.key: |\n" + string.Join('\n', TestKeys.EcPem.Split('\n').Select(l => "    " + l));
        var plan = Plan("secrets", desired);
        plan = plan with { Steps = [.. plan.Steps.Select(s => s.Id == "secrets" ? s with { Plan = s.Plan with { Commands = [$"kubectl create secret generic alb-certs --from-literal=tls.key='{TestKeys.EcPem}'"] } } : s)] };
        var run = Run(SetupRunState.Succeeded) with { Steps = [Step("secrets", SetupStepState.Succeeded, messages: [$"wrote tls.key {TestKeys.RsaPemBase64}"])] };

        var cut = Render<StepCard>(p => p.Add(c => c.Row, Row("secrets", plan: plan, runs: [run])).Add(c => c.InitiallyExpanded, true));
        AssertNoKeyMaterial(cut.Markup);
        Assert.Contains("tls.crt", cut.Markup, StringComparison.Ordinal);

        var seen = new List<string>();
        foreach (var tab in cut.FindAll(".mud-tab").Select(t => t.TextContent).ToList())
        {
            cut.FindAll(".mud-tab").Single(t => t.TextContent == tab).Click();
            AssertNoKeyMaterial(cut.Markup);
            seen.Add(cut.Markup);
        }

        Assert.Equal(3, seen.Count);
        Assert.Contains(seen, m => m.Contains("+data:", StringComparison.Ordinal));
        Assert.Contains(seen, m => m.Contains("kubectl create secret generic alb-certs", StringComparison.Ordinal));
    }

    [Fact]
    public void DiffView_Lines_AddedAndRemovedColouredAndSigned_EmptySaysNoDifference()
    {
        var cut = Render<DiffView>(p => p.Add(c => c.Diff, ManifestDiff.Between("kind: Gateway\n      mode: SIMPLE\n", "kind: Gateway\n      mode: MUTUAL\n", "Gateway/gw")));

        Assert.Equal("-      mode: SIMPLE", cut.Find(".diff-removed").TextContent);
        Assert.Equal("+      mode: MUTUAL", cut.Find(".diff-added").TextContent);
        Assert.Equal(2, cut.FindAll(".diff-header").Count);
        Assert.Single(cut.FindAll(".diff-hunk"));

        var empty = Render<DiffView>(p => p.Add(c => c.Diff, ManifestDiff.None));
        Assert.Contains("No differences", empty.Find("[data-testid=diff-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemView_Problem_CauseAndRemedyInWords_DetailsOnDemand_NoStackTrace()
    {
        var problem = ProblemInfo.From(
            "The run failed unexpectedly: KubernetesApiException: the server refused the request\n   at Dashboard.Core.Kubernetes.ClusterApi.ApplyAsync(ResourceKind kind) in /src/ClusterApi.cs:line 99",
            Dashboard.Core.Setup.SetupCodes.Kubernetes, null, ["PATCH gateways/default-ingress-gateway: 403 Forbidden"]);

        var cut = Render<ProblemView>(p => p.Add(c => c.Problem, problem));

        Assert.Equal("The run failed unexpectedly: KubernetesApiException: the server refused the request", cut.Find(".problem-title").TextContent);
        Assert.Contains("Cause: The Kubernetes API refused a request.", Text(cut), StringComparison.Ordinal);
        Assert.Contains("What to do: Check the cluster and the permissions", Text(cut), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=problem-details]"));
        Assert.Equal("false", cut.Find("[data-testid=problem-details-toggle]").GetAttribute("aria-expanded"));

        cut.Find("[data-testid=problem-details-toggle]").Click();

        Assert.Contains("403 Forbidden", cut.Find("[data-testid=problem-details]").TextContent, StringComparison.Ordinal);
        Assert.Contains("SETUP_KUBERNETES", cut.Find("[data-testid=problem-details]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("ClusterApi.cs", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Dashboard.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void VerificationView_ProbeMessages_TeapotServedCertificateAndRefusedHandshake()
    {
        const string teapot = "    -=[ teapot ]=-\n\n       _...._";
        string[] messages =
        [
            $"with the ALB's client certificate: HTTP 418 in 12 ms.\nServed certificate: CN=gw.example, serial 0A1B2C, expires 2027-02-24 06:39 UTC (issuer CN=R3).\nResponse body:\n{teapot}",
            "without a client certificate (must be refused): HandshakeRefusedByServer at AwaitingResponse: the server asked for a client certificate. (Give the probe one.)",
        ];

        var cut = Render<VerificationView>(p => p.Add(c => c.Messages, messages));

        var probes = cut.FindAll("[data-testid=probe]");
        Assert.All(probes, probe => Assert.Contains("probe-good", probe.ClassList));
        Assert.Equal("CN=gw.example, serial 0A1B2C, expires 2027-02-24 06:39 UTC (issuer CN=R3).", cut.Find("[data-testid=served-certificate]").TextContent.Replace("Served certificate:", "", StringComparison.Ordinal).Trim());
        Assert.Equal(teapot, cut.Find("[data-testid=response-body]").TextContent);
        Assert.Contains("refused in the TLS handshake, as it must be", probes[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("the server asked for a client certificate.", probes[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Give the probe one", probes[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void VerificationView_MustBeRefusedButNotRefused_FailureKeepsItsRemedy()
    {
        var cut = Render<VerificationView>(p => p.Add(c => c.Messages,
            ["without a client certificate (must be refused): Timeout at Connecting: no TCP connection to gw.example:443 within 00:00:05. (Check that the address is reachable (firewall).)"]));

        var probe = cut.Find("[data-testid=probe]");
        Assert.Contains("probe-bad", probe.ClassList);
        Assert.Contains("(Check that the address is reachable (firewall).)", probe.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("as it must be", probe.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void VerificationView_HandshakeNotRefused_MarkedAsAFailure()
    {
        var cut = Render<VerificationView>(p => p.Add(c => c.Messages, ["without a client certificate (must be refused): HTTP 418 in 3 ms."]));

        Assert.Contains("probe-bad", cut.Find("[data-testid=probe]").ClassList);
    }

    [Fact]
    public void CommandList_Copy_WritesTheCommandToTheClipboard()
    {
        var copy = JSInterop.SetupVoid("navigator.clipboard.writeText", "kubectl create namespace httptools");
        copy.SetVoidResult();

        var cut = Render<CommandList>(p => p.Add(c => c.Commands, ["kubectl create namespace httptools", "kubectl label namespace httptools istio-injection=enabled"]));
        cut.Find("button[aria-label='Copy command: kubectl create namespace httptools']").Click();

        copy.VerifyInvoke("navigator.clipboard.writeText");
        Assert.Contains("Copy all", cut.Markup, StringComparison.Ordinal);
    }

    private static void AssertNoKeyMaterial(string markup)
    {
        Assert.DoesNotContain("PRIVATE KEY", markup, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.RsaPemBase64[..48], markup, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.EcDerBase64[..48], markup, StringComparison.Ordinal);
        foreach (var line in TestKeys.BodyLines(TestKeys.RsaPem).Concat(TestKeys.BodyLines(TestKeys.EcPem)))
        {
            Assert.DoesNotContain(line, markup, StringComparison.Ordinal);
        }
    }

    private static string Text(IRenderedComponent<ProblemView> cut) => string.Join(' ', cut.Find("[data-testid=problem]").TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
