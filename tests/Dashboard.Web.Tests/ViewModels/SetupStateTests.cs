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
        Assert.Equal(SetupStateKind.Complete, SetupState.Of([complete]).Kind);

        var single = Run(SetupRunState.Succeeded, ("httpbin", SetupStepState.Succeeded));
        Assert.Equal((SetupStateKind.InProgress, "In progress: last applied step 2, Deploy httpbin"), Describe(SetupState.Of([single, complete])));

        var failed = Run(SetupRunState.Failed, ("namespace", SetupStepState.Succeeded), ("verify-gateway", SetupStepState.Failed));
        Assert.Equal((SetupStateKind.Failed, "Failed at step 13, Verify the gateway with mutual TLS"), Describe(SetupState.Of([failed])));
    }

    private static (SetupStateKind, string) Describe(SetupState state) => (state.Kind, state.Text);
}
