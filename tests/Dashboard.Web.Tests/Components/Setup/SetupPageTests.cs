using Bunit;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using static Dashboard.Web.Tests.ViewModels.SetupFakes;
using SetupPage = Dashboard.Web.Components.Pages.Setup;

namespace Dashboard.Web.Tests.Components.Setup;

public sealed class SetupPageTests : WizardComponentTest
{
    [Fact]
    public void Setup_RunProgressPublished_PageFollowsLiveWithoutReload()
    {
        SignIn("Viewer", "Operator");
        var cut = RenderWizard();
        Assert.Contains("No run yet", cut.Find("[data-testid=run-bar]").TextContent, StringComparison.Ordinal);

        // Another browser (or /api) starts a run: its events reach this page.
        var run = Run(SetupRunState.Running, ("namespace", SetupStepState.Running), ("httpbin", SetupStepState.Pending));
        Backend.Runs.Add(run);
        Events.Publish(Event(run.Id, SetupRunState.Running));
        cut.WaitForAssertion(() => Assert.Equal("Running", cut.Find("[data-testid=run-state]").GetAttribute("data-state")));
        cut.Find("[data-testid=panel-next]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Running", cut.Find("[data-testid=step-namespace]").GetAttribute("data-state")));
        Assert.Equal("Queued", cut.Find("[data-testid=step-httpbin]").GetAttribute("data-state"));

        Backend.Overview = Overview(ObservationKind.Missing, ("namespace", StepObservation.InSync("In sync.")), ("httpbin", StepObservation.InSync("In sync.")));
        Backend.Update(run with { State = SetupRunState.Succeeded, Steps = [Step("namespace", SetupStepState.Succeeded), Step("httpbin", SetupStepState.Succeeded)] });
        Events.Publish(Event(run.Id, SetupRunState.Succeeded));

        cut.WaitForAssertion(() => Assert.Equal("Succeeded", cut.Find("[data-testid=run-state]").GetAttribute("data-state")));
        cut.WaitForAssertion(() => Assert.Equal("Done", cut.Find("[data-testid=step-httpbin]").GetAttribute("data-state")));
        Assert.Contains("2 of 2 steps done", cut.Find("[data-testid=run-progress-text]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_Disposed_UnsubscribesAndReceivesNoMoreEvents()
    {
        SignIn("Viewer", "Operator");
        var cut = RenderWizard();
        var model = cut.Instance.Model;
        var run = Run(SetupRunState.Running, ("namespace", SetupStepState.Running));
        Backend.Runs.Add(run);
        Events.Publish(Event(run.Id, SetupRunState.Running));
        cut.WaitForAssertion(() => Assert.Equal(1, model.EventsSeen));
        Assert.Equal(1, Events.SubscriberCount);

        await DisposeComponentsAsync();
        Events.Publish(Event(run.Id, SetupRunState.Succeeded));
        Events.Publish(Event(run.Id, SetupRunState.Succeeded));

        Assert.Equal(0, Events.SubscriberCount);
        Assert.Equal(1, model.EventsSeen);
    }

    [Fact]
    public void Setup_ApplyOnAStep_StartsARunOfThatStepOnly()
    {
        SignIn("Viewer", "Operator");
        var cut = RenderWizard();
        cut.Find("[data-testid=panel-next]").Click();

        cut.Find("[data-testid=step-httpbin] [data-testid=apply]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["httpbin"], Assert.Single(Backend.Started).Steps));
        Assert.False(Backend.Started[0].Consent);
        cut.WaitForAssertion(() => Assert.Equal("Queued", cut.Find("[data-testid=step-httpbin]").GetAttribute("data-state")));
        Assert.NotNull(cut.Find("[data-testid=step-namespace] [data-testid=apply]").GetAttribute("disabled"));
    }

    [Fact]
    public void Setup_StepBlocked_LaterStepsCannotBeApplied_ApplyAllStillCan()
    {
        SignIn("Viewer", "Operator");
        Backend.Overview = Overview(ObservationKind.Missing, ("nlb-certificate", StepObservation.Blocked("No nlb-dns subdomain is registered.", "Run step 'nlb-dns' first.", SetupCodes.Prerequisite)));
        var cut = RenderWizard();

        cut.Find("[data-testid=stepper] button[role=tab]:nth-of-type(4)").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=step-secrets]")));
        var apply = cut.Find("[data-testid=step-secrets] [data-testid=apply]");
        Assert.NotNull(apply.GetAttribute("disabled"));
        Assert.Contains("Step 8 (Wait for the DNS name's certificate) is blocked", cut.Find("[data-testid=step-secrets] [data-testid=gate-reason]").TextContent, StringComparison.Ordinal);
        apply.Click();
        Assert.Empty(Backend.Started);

        Assert.Null(cut.Find("[data-testid=apply-all]").GetAttribute("disabled"));
    }

    [Fact]
    public void Setup_Viewer_SeesEverythingAppliesNothing()
    {
        SignIn("Viewer");
        var cut = RenderWizard();

        Assert.Contains("You are a Viewer", cut.Find("[data-testid=viewer-notice]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=apply-all]").GetAttribute("disabled"));
        cut.Find("[data-testid=panel-next]").Click();
        Assert.All(cut.FindAll("[data-testid=apply]"), button => Assert.NotNull(button.GetAttribute("disabled")));
        Assert.Contains("kind: Namespace", cut.Find("[data-testid=step-namespace] [data-testid=yaml-preview]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_ProfilePanel_EvidenceShownParameterErrorsInlineSaveOnlyWhenValid()
    {
        SignIn("Viewer", "Operator");
        var cut = RenderWizard();

        Assert.Contains("security.istio.io serves v1.", cut.Find("[data-testid=profile-istioApi]").TextContent, StringComparison.Ordinal);
        Assert.Contains("As detected: Current", cut.Find("[data-testid=profile-istioApi]").TextContent, StringComparison.Ordinal);
        Assert.Null(cut.Find("[data-testid=save-settings]").GetAttribute("disabled"));

        cut.Find("input[data-testid=param-routePrefix]").Input("status");

        cut.WaitForAssertion(() => Assert.Contains("routePrefix 'status' must start with '/'", cut.Find("[data-testid=settings]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(cut.Find("[data-testid=save-settings]").GetAttribute("disabled"));
        Assert.DoesNotContain("namespace 'httptools'", cut.Find("[data-testid=settings]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_ClusterUnreachable_ProblemCauseRemedyNoStackTrace()
    {
        SignIn("Viewer", "Operator");
        Backend.Unavailable = new ClusterUnavailableException("The Kubernetes API of target 'sandbox' cannot be used (HttpRequestException: Connection refused); test the connection on the Targets page or with POST /api/targets/sandbox/test.");

        var cut = RenderWizard();

        var problem = cut.Find("[data-testid=problem]").TextContent;
        Assert.Contains("The cluster of target 'sandbox' cannot be reached.", problem, StringComparison.Ordinal);
        Assert.Contains("Connection refused", problem, StringComparison.Ordinal);
        Assert.Contains("Use Test connection on the Targets page", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_BackendThrowsOnLoadAndOnApply_ProblemPanelsWithoutExceptionTextAndThePageGoesOn()
    {
        SignIn("Viewer", "Operator");
        var onLoad = Dashboard.Web.Tests.ViewModels.FakeWizardBackend.Thrown("Sequence contains no matching element");
        Backend.Unavailable = onLoad;

        var cut = RenderWizard();

        var loadProblem = cut.Find("[data-testid=problem]");
        Assert.Contains("The setup of target 'sandbox' could not be read.", loadProblem.TextContent, StringComparison.Ordinal);
        Assert.Contains("What to do:", loadProblem.TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=problem-details-toggle]").Click();
        Assert.Matches("Reference: [0-9a-f]{8}", cut.Find("[data-testid=problem-details]").TextContent);
        AssertNoExceptionText(cut.Markup, onLoad);

        // The cluster answers again: the page recovers where it is, and the next failure is an apply.
        Backend.Unavailable = null;
        cut.Find("[data-testid=recheck]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=problem]")));
        var onApply = Dashboard.Web.Tests.ViewModels.FakeWizardBackend.Thrown("Cannot access a disposed context instance.");
        Backend.ActionFailure = onApply;
        cut.Find("[data-testid=panel-next]").Click();
        cut.Find("[data-testid=step-namespace] [data-testid=apply]").Click();

        cut.WaitForAssertion(() => Assert.Contains("The run was not started.", cut.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal));
        AssertNoExceptionText(cut.Markup, onApply);
        Assert.Null(cut.Find("[data-testid=step-namespace] [data-testid=apply]").GetAttribute("disabled"));
        Assert.Equal("ToDo", cut.Find("[data-testid=step-namespace]").GetAttribute("data-state"));
    }

    [Fact]
    public void Setup_EverythingAppliedAndVerified_ApplyAllSaysSoAndIsNotThePrimaryAction()
    {
        SignIn("Viewer", "Operator");
        Backend.Overview = Overview(ObservationKind.InSync);
        Backend.Runs.Add(Run(SetupRunState.Succeeded, ("verify-gateway", SetupStepState.Succeeded), ("verify-alb", SetupStepState.Succeeded)));

        var cut = RenderWizard();

        var applyAll = cut.Find("[data-testid=apply-all]");
        Assert.Equal("Everything is applied", applyAll.TextContent.Trim());
        Assert.NotNull(applyAll.GetAttribute("disabled"));
        Assert.DoesNotContain("mud-button-filled", applyAll.ClassList);
        Assert.Contains("Verify again", cut.Find("[data-testid=apply-all-reason]").TextContent, StringComparison.Ordinal);
    }

    private static void AssertNoExceptionText(string markup, Exception exception)
    {
        Assert.DoesNotContain(exception.Message, markup, StringComparison.Ordinal);
        Assert.DoesNotContain(exception.GetType().Name, markup, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Dashboard.", markup, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", markup, StringComparison.Ordinal);
    }

    private IRenderedComponent<SetupPage> RenderWizard()
    {
        var cut = Render<SetupPage>(p => p.Add(c => c.TargetId, "sandbox"));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("[data-testid=wizard]").Count == 1), TimeSpan.FromSeconds(10));
        return cut;
    }

    private static SetupEvent Event(Guid runId, SetupRunState state) => new(runId, "sandbox", state, null, null, null, DateTimeOffset.UnixEpoch);
}
