using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Dashboard.Web.ViewModels.Overview;

namespace Dashboard.Web.Tests.ViewModels;

public sealed class OverviewViewModelTests
{
    [Fact]
    public async Task LoadAsync_SetupAppliedStepByStepThenVerifiedAgainOften_Complete()
    {
        var backend = new FakeWizardBackend();
        backend.Runs.AddRange(SetupStateTests.StepByStep());
        // Ten "Verify again" of the gateway after the setup finished: the end-to-end verification is now the 11th newest run.
        backend.Runs.AddRange(Enumerable.Range(100, 10).Select(minute => SetupStateTests.At(minute, SetupRunState.Succeeded, ("verify-gateway", SetupStepState.Succeeded))));
        var model = new OverviewViewModel(backend);

        await model.LoadAsync(CancellationToken.None);

        var sandbox = Assert.Single(model.Targets);
        Assert.Equal(SetupStateKind.Complete, sandbox.State.Kind);
    }

    [Fact]
    public async Task ApplyEventsAsync_ApplyAgainEndsAfterAFinishedSetup_StaysComplete()
    {
        var backend = new FakeWizardBackend();
        backend.Runs.AddRange(SetupStateTests.StepByStep());
        var model = new OverviewViewModel(backend);
        await model.LoadAsync(CancellationToken.None);
        Assert.Equal(SetupStateKind.Complete, model.Targets[0].State.Kind);

        var again = SetupStateTests.At(100, SetupRunState.Succeeded, ("httpbin", SetupStepState.Succeeded));
        backend.Runs.Add(again);
        await model.ApplyEventsAsync([new SetupEvent(again.Id, "sandbox", SetupRunState.Succeeded, null, null, null, DateTimeOffset.UnixEpoch)], CancellationToken.None);

        Assert.Equal(SetupStateKind.Complete, model.Targets[0].State.Kind);
        Assert.Equal(again.Id, model.Targets[0].State.Run!.Id);
    }
}
