using Bunit;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Dashboard.Web.Components.Setup;
using Dashboard.Web.ViewModels.Overview;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.ViewModels.SetupFakes;

namespace Dashboard.Web.Tests.Components.Setup;

public sealed class TargetsOverviewTests : WizardComponentTest
{
    public TargetsOverviewTests()
    {
        Services.AddTransient<OverviewViewModel>();
    }

    [Fact]
    public async Task Overview_TargetSetUpElsewhere_StateFollowsLiveLinksToTheWizard_UnsubscribesOnDispose()
    {
        SignIn("Viewer");
        var cut = Render<TargetsOverview>();
        cut.WaitForAssertion(() => Assert.Equal("NotStarted", cut.Find("[data-testid=overview-sandbox] [data-testid=setup-state]").GetAttribute("data-state")));
        Assert.Equal("/setup/sandbox", cut.Find("[data-testid=overview-sandbox] [data-testid=open-setup]").GetAttribute("href"));

        var run = Run(SetupRunState.Succeeded, ("verify-gateway", SetupStepState.Succeeded), ("verify-alb", SetupStepState.Succeeded));
        Backend.Runs.Add(run);
        Events.Publish(new SetupEvent(run.Id, "sandbox", SetupRunState.Succeeded, null, null, null, DateTimeOffset.UnixEpoch));

        cut.WaitForAssertion(() => Assert.Equal("Complete", cut.Find("[data-testid=overview-sandbox] [data-testid=setup-state]").GetAttribute("data-state")));
        Assert.Contains("succeeded", cut.Find("[data-testid=overview-sandbox]").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, Events.SubscriberCount);

        await DisposeComponentsAsync();
        Assert.Equal(0, Events.SubscriberCount);
    }
}
