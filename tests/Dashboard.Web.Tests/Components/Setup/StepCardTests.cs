using Bunit;
using Dashboard.Core.Setup;
using Dashboard.Core.Storage;
using Dashboard.Web.Components.Setup;
using Dashboard.Web.ViewModels.Setup;
using static Dashboard.Web.Tests.ViewModels.SetupFakes;

namespace Dashboard.Web.Tests.Components.Setup;

public sealed class StepCardTests : WizardComponentTest
{
    [Fact]
    public void StepCard_ToDo_ApplyEnabledAndInvokesTheCallbackWithTheRow()
    {
        StepRow? applied = null;
        var cut = Render<StepCard>(p => p.Add(c => c.Row, Row("namespace")).Add(c => c.OnApply, (StepRow r) => applied = r));

        Assert.Equal("ToDo", cut.Find("[data-testid=step-state]").GetAttribute("data-state"));
        Assert.Contains("To do", cut.Find("[data-testid=step-state]").TextContent, StringComparison.Ordinal);
        var apply = cut.Find("[data-testid=apply]");
        Assert.Null(apply.GetAttribute("disabled"));
        Assert.Equal("Apply step 1: Create the namespace with sidecar injection", apply.GetAttribute("aria-label"));
        apply.Click();
        Assert.Equal("namespace", applied!.Id);
    }

    [Fact]
    public void StepCard_EarlierStepBlocked_ApplyCannotBeClickedAndSaysWhy()
    {
        var overview = Overview(ObservationKind.Missing, ("secrets", Blocked(SetupCodes.Prerequisite, "The nlb-dns certificate is not ready.", "Apply step 8 first.")));
        var applied = false;
        var cut = Render<StepCard>(p => p.Add(c => c.Row, Row("gateway", overview)).Add(c => c.OnApply, (StepRow _) => applied = true));

        var apply = cut.Find("[data-testid=apply]");
        Assert.NotNull(apply.GetAttribute("disabled"));
        Assert.Equal("gate-gateway", apply.GetAttribute("aria-describedby"));
        Assert.Equal("Step 9 (Build the gateway's and the ALB's secrets) is blocked: The nlb-dns certificate is not ready.", cut.Find("#gate-gateway").TextContent.Trim());
        apply.Click();
        Assert.False(applied);
    }

    [Fact]
    public void StepCard_Viewer_DisabledAndDescribedByThePageNotice()
    {
        var cut = Render<StepCard>(p => p.Add(c => c.Row, Row("namespace", canOperate: false)));

        var apply = cut.Find("[data-testid=apply]");
        Assert.NotNull(apply.GetAttribute("disabled"));
        Assert.Equal("viewer-notice", apply.GetAttribute("aria-describedby"));
        Assert.Empty(cut.FindAll("[data-testid=gate-reason]"));
    }

    [Fact]
    public void StepCard_LastResultSaysWhatTheSummarySays_ShownOnce()
    {
        const string registered = "sandbox-abc.us-south.containers.appdomain.cloud is registered for 169.46.52.10 (certificate created, secret default/sandbox-abc).";
        var overview = Overview(ObservationKind.Missing, ("nlb-dns", StepObservation.InSync(registered)));
        var run = Run(SetupRunState.Succeeded, ("nlb-dns", SetupStepState.Succeeded));
        run = run with { Steps = [Step("nlb-dns", SetupStepState.Succeeded, summary: registered)] };

        var same = Render<StepCard>(p => p.Add(c => c.Row, Row("nlb-dns", overview, runs: [run])));

        Assert.Equal(registered, same.Find("[data-testid=step-summary]").TextContent);
        Assert.NotNull(same.Find("[data-testid=step-result]"));
        Assert.DoesNotContain("Last result", same.Markup, StringComparison.Ordinal);
        Assert.Single(same.FindAll("*"), e => e.ChildElementCount == 0 && e.TextContent.Contains(registered, StringComparison.Ordinal));

        // Applied, the result is what the step did followed by its verification (the same observation): only what it did is added.
        const string did = "Registered sandbox-abc.us-south.containers.appdomain.cloud for 169.46.52.10; IKS is issuing its certificate (status creating).";
        var applied = run with { Steps = [Step("nlb-dns", SetupStepState.Succeeded, summary: $"{did} {registered}")] };
        var different = Render<StepCard>(p => p.Add(c => c.Row, Row("nlb-dns", overview, runs: [applied])));
        var result = different.Find("[data-testid=step-result]").TextContent;
        Assert.Contains($"Last result: {did}", result, StringComparison.Ordinal);
        Assert.DoesNotContain(registered, result, StringComparison.Ordinal);
        Assert.Equal(registered, different.Find("[data-testid=step-summary]").TextContent);
    }

    [Fact]
    public void StepCard_States_ChipButtonAndPanelsFollowTheState()
    {
        var done = Render<StepCard>(p => p.Add(c => c.Row, Row("namespace", Overview(ObservationKind.InSync))));
        Assert.Equal("Done", done.Find("[data-testid=step-state]").GetAttribute("data-state"));
        Assert.Contains("Apply again", done.Find("[data-testid=apply]").TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-button-outlined", done.Find("[data-testid=apply]").ClassList);

        var next = T0.AddSeconds(20);
        var waitingRun = Run(SetupRunState.Waiting) with { Steps = [Step("nlb-certificate", SetupStepState.Waiting, waitingStatus: "creating", nextPoll: next)], NextPollAt = next };
        Time.SetUtcNow(new DateTimeOffset(T0.AddSeconds(12)));
        var waiting = Render<StepCard>(p => p.Add(c => c.Row, Row("nlb-certificate", runs: [waitingRun])));
        Assert.Equal("Waiting", waiting.Find("[data-testid=step-state]").GetAttribute("data-state"));
        Assert.Equal("creating", waiting.Find("[data-testid=wait-status]").TextContent);
        Assert.Contains("Waiting for 12 s · next check in 8 s (at 10:00:20 UTC) · checked 1 time", Squash(waiting.Find("[data-testid=wait-timing]").TextContent), StringComparison.Ordinal);

        // The clock ticks on the page by itself (it reads nothing but the time).
        Time.Advance(TimeSpan.FromSeconds(5));
        waiting.WaitForAssertion(() => Assert.Contains("Waiting for 17 s · next check in 3 s", Squash(waiting.Find("[data-testid=wait-timing]").TextContent), StringComparison.Ordinal));

        var notNeeded = Render<StepCard>(p => p.Add(c => c.Row, Row("gateway-reload")));
        Assert.Equal("NotNeeded", notNeeded.Find("[data-testid=step-state]").GetAttribute("data-state"));
        Assert.Empty(notNeeded.FindAll("[data-testid=apply]"));

        var failedRun = Run(SetupRunState.Failed) with { Steps = [Step("httpbin", SetupStepState.Failed, "httpbin did not become ready in 00:05:00.", SetupCodes.RolloutTimeout, ["Deployment httptools/httpbin: 0 of 1 replicas ready."])] };
        var failed = Render<StepCard>(p => p.Add(c => c.Row, Row("httpbin", runs: [failedRun])));
        Assert.Equal("Failed", failed.Find("[data-testid=step-state]").GetAttribute("data-state"));
        Assert.Contains("httpbin did not become ready", failed.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Try again", failed.Find("[data-testid=apply]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void StepCard_Drifted_ShowsTheDifferingFields()
    {
        var drifted = new StepObservation(ObservationKind.Drifted, "Drifted: Gateway istio-system/default-ingress-gateway.")
        {
            Differences = [new FieldDifference("Gateway istio-system/default-ingress-gateway", "spec.servers[0].tls.mode", "MUTUAL", "SIMPLE", "kubectl-edit")],
        };

        var cut = Render<StepCard>(p => p.Add(c => c.Row, Row("gateway", Overview(ObservationKind.Missing, ("gateway", drifted)))));

        Assert.Equal("Drifted", cut.Find("[data-testid=step-state]").GetAttribute("data-state"));
        var cells = cut.FindAll("[data-testid=differences] td").Select(td => td.TextContent).ToList();
        Assert.Equal(["Gateway istio-system/default-ingress-gateway", "spec.servers[0].tls.mode", "SIMPLE", "MUTUAL", "kubectl-edit"], cells);
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
