using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Steps;

namespace Dashboard.Core.Tests.Setup.Steps;

/// <summary>Step 12 on its own: the Current profile's gateway reloads through SDS, so the step has nothing to do and restarts nothing.</summary>
public sealed class GatewayReloadStepTests(StepHarness harness) : IClassFixture<StepHarness>
{
    [Fact]
    public async Task Apply_CurrentProfile_NotNeededAndNoPodDeleted()
    {
        var context = await harness.ContextAsync(StepIds.GatewayReload);
        var step = new GatewayReloadStep();
        var writes = harness.Writes;

        var observation = await step.ObserveAsync(context, CancellationToken.None);
        var applied = await step.ApplyAsync(context, CancellationToken.None);

        Assert.False(step.AppliesTo(context.Profile));
        Assert.Equal(12, ((ISetupStep)step).Number);
        Assert.Equal(ObservationKind.InSync, observation.Kind);
        Assert.Equal(OutcomeKind.Succeeded, applied.Kind);
        Assert.Equal(writes, harness.Writes);
    }
}
