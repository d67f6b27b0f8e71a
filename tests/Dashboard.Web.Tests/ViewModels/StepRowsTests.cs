using Dashboard.Core.Setup;
using Dashboard.Core.Storage;
using Dashboard.Web.ViewModels.Setup;
using static Dashboard.Web.Tests.ViewModels.SetupFakes;

namespace Dashboard.Web.Tests.ViewModels;

public sealed class StepRowsTests
{
    [Fact]
    public void Build_FreshCluster_EveryStepToDoAndApplicable_Step12NotNeeded()
    {
        var rows = StepRows.Build(Overview(), Plan(), [], canOperate: true);

        Assert.Equal(15, rows.Count);
        Assert.All(rows.Where(r => r.Id != "gateway-reload" && !r.IsVerification), r => Assert.Equal(StepDisplayState.ToDo, r.State));
        Assert.All(rows.Where(r => r.Applies), r => Assert.True(r.Gate.Enabled, r.Id));
        var reload = rows.Single(r => r.Id == "gateway-reload");
        Assert.Equal(StepDisplayState.NotNeeded, reload.State);
        Assert.Equal(GateReason.NotNeeded, reload.Gate.Kind);
        Assert.Equal(StepDisplayState.NotVerified, rows.Single(r => r.Id == "verify-alb").State);
        Assert.Equal("Verify", rows.Single(r => r.Id == "verify-alb").Gate.Label);
        Assert.Equal(WizardPanel.Verify, rows.Single(r => r.Id == "verify-gateway").Panel);
        Assert.Equal(WizardPanel.ConfigureTheGateway, rows.Single(r => r.Id == "gateway").Panel);
    }

    [Fact]
    public void Build_EarlierStepBlocked_LaterStepsCannotBeAppliedAndSayWhy()
    {
        var overview = Overview(ObservationKind.Missing, ("nlb-certificate", Blocked(SetupCodes.Prerequisite, "No nlb-dns subdomain is registered.", "Run step 'nlb-dns' first.")));

        var rows = StepRows.Build(overview, Plan(), [], canOperate: true);

        Assert.True(rows.Single(r => r.Id == "nlb-dns").Gate.Enabled);
        var blocked = rows.Single(r => r.Id == "nlb-certificate");
        Assert.Equal(StepDisplayState.NeedsEarlierSteps, blocked.State);
        Assert.False(blocked.Gate.Enabled);
        Assert.Equal("Run step 'nlb-dns' first.", blocked.Gate.Reason);
        foreach (var later in rows.Where(r => r.Number > 8 && r.Applies))
        {
            Assert.False(later.Gate.Enabled, later.Id);
            Assert.Equal(GateReason.EarlierBlocked, later.Gate.Kind);
            Assert.Equal("Step 8 (Wait for the DNS name's certificate) is blocked: No nlb-dns subdomain is registered.", later.Gate.Reason);
            Assert.True(later.Gate.ShowReason);
        }
    }

    [Fact]
    public void Build_Viewer_NothingCanBeAppliedReasonSaidOncePerPage()
    {
        var rows = StepRows.Build(Overview(), Plan(), [], canOperate: false);

        Assert.All(rows.Where(r => r.Applies), r =>
        {
            Assert.False(r.Gate.Enabled);
            Assert.Equal(GateReason.Role, r.Gate.Kind);
            Assert.False(r.Gate.ShowReason);
        });
    }

    [Fact]
    public void Build_ActiveRun_StatesComeFromTheRunAndNothingCanBeApplied()
    {
        var run = Run(SetupRunState.Running, ("namespace", SetupStepState.Succeeded), ("httpbin", SetupStepState.Running), ("mtls-policy", SetupStepState.Pending));

        var rows = StepRows.Build(Overview(), Plan(), [run], canOperate: true);

        Assert.Equal(StepDisplayState.Done, rows[0].State);
        Assert.Equal(StepDisplayState.Running, rows[1].State);
        Assert.Equal(StepDisplayState.Queued, rows[2].State);
        Assert.Equal(StepDisplayState.ToDo, rows[3].State);
        Assert.All(rows.Where(r => r.Applies), r => Assert.Equal(GateReason.ActiveRun, r.Gate.Kind));
        Assert.Contains("at step 2, Deploy httpbin", rows[5].Gate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WaitingStep_CarriesTheIksStatusAndNextPoll()
    {
        var next = T0.AddSeconds(8);
        var run = Run(SetupRunState.Waiting, ("nlb-certificate", SetupStepState.Waiting)) with { NextPollAt = next };
        run = run with { Steps = [Step("nlb-certificate", SetupStepState.Waiting, waitingStatus: "creating", nextPoll: next)] };

        var row = Row("nlb-certificate", runs: [run]);

        Assert.Equal(StepDisplayState.Waiting, row.State);
        Assert.Equal(new WaitInfo("creating", T0, next, 1), row.Wait);
    }

    [Fact]
    public void Build_LastRunFailedVerification_ProblemWithCauseAndTryAgain()
    {
        var failed = Run(SetupRunState.Failed, ("verify-gateway", SetupStepState.Failed));
        failed = failed with { Steps = [Step("verify-gateway", SetupStepState.Failed, "Verification failed after 3 attempt(s): the handshake was refused.", SetupCodes.Probe, ["with the ALB's client certificate: HandshakeRefusedByServer"])] };

        var row = Row("verify-gateway", runs: [failed]);

        Assert.Equal(StepDisplayState.Failed, row.State);
        Assert.Equal("Verification failed after 3 attempt(s): the handshake was refused.", row.Problem!.Problem);
        Assert.Equal("The verification request did not get the expected answer.", row.Problem.Cause);
        Assert.Equal(["with the ALB's client certificate: HandshakeRefusedByServer"], row.Problem.Details);
        Assert.True(row.Gate.Enabled);
        Assert.Equal("Try again", row.Gate.Label);
    }

    [Fact]
    public void Build_BlockedWhileApplying_CertificateCodeExplainedLaterStepsGated()
    {
        var blocked = Run(SetupRunState.Blocked, ("secrets", SetupStepState.Blocked));
        blocked = blocked with { Steps = [Step("secrets", SetupStepState.Blocked, "The ALB certificate cannot be a client certificate.", Dashboard.Certificates.ProblemCodes.ClientAuthMissing)] };

        var rows = StepRows.Build(Overview(), Plan(), [blocked], canOperate: true);
        var secrets = rows.Single(r => r.Id == "secrets");

        Assert.Equal(StepDisplayState.Blocked, secrets.State);
        Assert.Contains("not allowed for clientAuth", secrets.Problem!.Cause, StringComparison.Ordinal);
        Assert.Contains("PrivateCa", secrets.Problem.Remedy, StringComparison.Ordinal);
        Assert.True(secrets.Gate.Enabled);
        Assert.False(rows.Single(r => r.Id == "gateway").Gate.Enabled);
    }

    [Fact]
    public void Build_ObjectNotOwned_OffersTakingItOverWithConsent()
    {
        var overview = Overview(ObservationKind.Missing, ("gateway", Blocked(SetupCodes.NotOwned, "Gateway istio-system/default-ingress-gateway exists and was not created by the dashboard.")));

        var row = Row("gateway", overview);

        Assert.Equal(StepDisplayState.Blocked, row.State);
        Assert.True(row.Gate.Enabled);
        Assert.True(row.Gate.NeedsConsent);
        Assert.Equal("Take over…", row.Gate.Label);
    }

    [Fact]
    public void Build_VerificationPassedInAnEarlierRun_PassedAndVerifyAgain()
    {
        var passed = Run(Guid.NewGuid(), SetupRunState.Succeeded, T0, ("verify-alb", SetupStepState.Succeeded));
        var later = Run(Guid.NewGuid(), SetupRunState.Succeeded, T0.AddMinutes(1), ("namespace", SetupStepState.Succeeded));

        var row = Row("verify-alb", runs: [later, passed]);

        Assert.Equal(StepDisplayState.Passed, row.State);
        Assert.Equal("Verify again", row.Gate.Label);
        Assert.True(row.Gate.IsRepeat);
        Assert.Equal(passed.Steps[0], row.LastResult);
    }

    [Fact]
    public void Panels_ProgressAndCompletion_FollowTheRows()
    {
        var run = Run(SetupRunState.Running, ("namespace", SetupStepState.Succeeded), ("httpbin", SetupStepState.Succeeded), ("mtls-policy", SetupStepState.Running), ("nlb-dns", SetupStepState.Pending));
        var panels = PanelSummary.Of(StepRows.Build(Overview(ObservationKind.Missing, ("alb-facts", StepObservation.InSync("ok"))), Plan(), [run], true));

        Assert.Equal(6, panels.Count);
        Assert.Equal("running…", panels[0].Progress);
        Assert.Equal("queued", panels[1].Progress);
        Assert.Equal("0 of 1 done", panels[2].Progress);
        Assert.Equal("1 of 3 done", panels[3].Progress);
        Assert.False(panels[0].Completed);
    }
}
