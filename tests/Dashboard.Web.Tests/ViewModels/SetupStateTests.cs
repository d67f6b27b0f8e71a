using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Setup.Steps;
using Dashboard.Core.Storage;
using Dashboard.Web.ViewModels.Overview;
using static Dashboard.Web.Tests.ViewModels.SetupFakes;

namespace Dashboard.Web.Tests.ViewModels;

public sealed class SetupStateTests
{
    [Fact]
    public void Of_Runs_StateInWords()
    {
        Assert.Equal((SetupStateKind.NotStarted, "Not set up yet"), Describe(SetupState.Of([])));

        var waiting = Run(SetupRunState.Waiting, ("namespace", SetupStepState.Succeeded), ("nlb-certificate", SetupStepState.Waiting), ("secrets", SetupStepState.Pending));
        Assert.Equal((SetupStateKind.Waiting, "Waiting at step 8, Wait for the DNS name's certificate (1 of 3 done)"), Describe(SetupState.Of([waiting])));

        var complete = Run(SetupRunState.Succeeded, ("verify-gateway", SetupStepState.Succeeded), ("verify-alb", SetupStepState.Succeeded));
        Assert.Equal((SetupStateKind.Complete, "Complete: verified end to end"), Describe(SetupState.Of([complete])));

        var failed = Run(SetupRunState.Failed, ("namespace", SetupStepState.Succeeded), ("verify-gateway", SetupStepState.Failed));
        Assert.Equal((SetupStateKind.Failed, "Failed at step 13, Verify the gateway with mutual TLS"), Describe(SetupState.Of([failed])));
    }

    [Fact]
    public void Of_SingleStepRunAfterAFinishedSetup_StaysComplete()
    {
        var complete = At(0, SetupRunState.Succeeded, ("verify-gateway", SetupStepState.Succeeded), ("verify-alb", SetupStepState.Succeeded));
        var applyAgain = At(1, SetupRunState.Succeeded, ("httpbin", SetupStepState.Succeeded));
        var verifyAgain = At(2, SetupRunState.Succeeded, ("verify-gateway", SetupStepState.Succeeded));

        var state = SetupState.Of([verifyAgain, applyAgain, complete]);

        Assert.Equal((SetupStateKind.Complete, "Complete: verified end to end"), Describe(state));
        Assert.Same(verifyAgain, state.Run);
    }

    [Fact]
    public void Of_StepFailsAfterAFinishedSetup_FailedUntilVerifiedAgain()
    {
        var complete = At(0, SetupRunState.Succeeded, ("verify-gateway", SetupStepState.Succeeded), ("verify-alb", SetupStepState.Succeeded));
        var verifyFails = At(1, SetupRunState.Failed, ("verify-gateway", SetupStepState.Failed));
        var other = At(2, SetupRunState.Succeeded, ("httpbin", SetupStepState.Succeeded));
        Assert.Equal((SetupStateKind.Failed, "Failed at step 13, Verify the gateway with mutual TLS"), Describe(SetupState.Of([other, verifyFails, complete])));

        var verifiedAgain = At(3, SetupRunState.Succeeded, ("verify-alb", SetupStepState.Succeeded));
        Assert.Equal(SetupStateKind.Complete, SetupState.Of([verifiedAgain, other, verifyFails, complete]).Kind);
    }

    [Fact]
    public void Of_StepsAppliedOneByOneNotVerified_InProgressWithTheLastStep()
    {
        var first = At(0, SetupRunState.Succeeded, ("namespace", SetupStepState.Succeeded));
        var second = At(1, SetupRunState.Succeeded, ("httpbin", SetupStepState.Succeeded));

        Assert.Equal((SetupStateKind.InProgress, "In progress: last applied step 2, Deploy httpbin"), Describe(SetupState.Of([second, first])));
    }

    [Fact]
    public void Of_LastRunEndedBeforeAnyStepOrWasCancelled_SaysSo()
    {
        var complete = At(0, SetupRunState.Succeeded, ("verify-alb", SetupStepState.Succeeded));
        var unreachable = At(1, SetupRunState.Failed, ("namespace", SetupStepState.Pending)) with { Message = "The cluster cannot be reached." };
        Assert.Equal((SetupStateKind.Failed, "Failed: The cluster cannot be reached."), Describe(SetupState.Of([unreachable, complete])));

        var started = At(0, SetupRunState.Succeeded, ("namespace", SetupStepState.Succeeded));
        var cancelled = At(1, SetupRunState.Cancelled, ("httpbin", SetupStepState.Cancelled));
        Assert.Equal((SetupStateKind.Cancelled, "Last run cancelled"), Describe(SetupState.Of([cancelled, started])));
        Assert.Equal(SetupStateKind.Complete, SetupState.Of([cancelled, complete]).Kind);
    }

    /// <summary>A run created <paramref name="minutes"/> after <see cref="SetupFakes.T0"/>.</summary>
    internal static SetupRunView At(int minutes, SetupRunState state, params (string Id, SetupStepState State)[] steps) =>
        Run(Guid.NewGuid(), state, T0.AddMinutes(minutes), steps);

    /// <summary>The runs of a setup applied one step at a time, oldest first.</summary>
    internal static IEnumerable<SetupRunView> StepByStep() =>
        SetupSteps.All.Select((step, index) => At(index, SetupRunState.Succeeded, (step.Id, step.AppliesTo(CurrentProfile) ? SetupStepState.Succeeded : SetupStepState.Skipped)));

    private static (SetupStateKind, string) Describe(SetupState state) => (state.Kind, state.Text);
}
