using Bunit;
using Dashboard.Web.Tests.Components.Setup;
using Dashboard.Web.Tests.ViewModels;
using Dashboard.Web.ViewModels.Targets;
using Microsoft.Extensions.DependencyInjection;
using TargetsPage = Dashboard.Web.Components.Pages.Targets;

namespace Dashboard.Web.Tests.Components.Targets;

public sealed class TargetsPageTests : WizardComponentTest
{
    private readonly FakeTargetsBackend _targets = new();

    public TargetsPageTests()
    {
        Services.AddSingleton<ITargetsBackend>(_targets);
        Services.AddTransient<TargetsViewModel>();
    }

    [Fact]
    public void Targets_OperatorOpensThePage_EachTargetTestedShowsWhatWorksAndTheFix()
    {
        SignIn("Viewer", "Operator");
        var cut = Render<TargetsPage>();

        cut.WaitForAssertion(() => Assert.Equal("problems", cut.Find("[data-testid=target-sandbox] [data-testid=connection-state]").GetAttribute("data-state")));
        Assert.Equal("true", cut.Find("[data-testid=target-sandbox] [data-testid=check-kubernetes]").GetAttribute("data-ok"));
        var iks = cut.Find("[data-testid=target-sandbox] [data-testid=check-iks]");
        Assert.Equal("false", iks.GetAttribute("data-ok"));
        Assert.Contains("Fix: Set the target's API key.", iks.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, _targets.Tests);
        Assert.Empty(cut.FindAll("[data-testid=add-target]"));
    }

    [Fact]
    public void Targets_Viewer_NothingTestedNoEditing()
    {
        SignIn("Viewer");
        var cut = Render<TargetsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=connection-state]").Count));
        Assert.All(cut.FindAll("[data-testid=connection-state]"), c => Assert.Equal("unknown", c.GetAttribute("data-state")));
        Assert.Empty(cut.FindAll("[data-testid=test-connection]"));
        Assert.Equal(0, _targets.Tests);
    }

    [Fact]
    public void Targets_AdminChangesTheApiKey_KeyIsWriteOnly()
    {
        const string key = "a-fresh-api-key-0123456789abcdef";
        SignIn("Viewer", "Operator", "Admin");
        var cut = Render<TargetsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=target-prod]")));
        Assert.Equal("set", cut.Find("[data-testid=target-prod] [data-testid=api-key-state]").TextContent);

        cut.FindAll("[data-testid=target-prod] button").Single(b => b.TextContent.Contains("Edit", StringComparison.Ordinal)).Click();
        var input = cut.Find("input[data-testid=api-key]");
        Assert.Equal("password", input.GetAttribute("type"));
        Assert.True(string.IsNullOrEmpty(input.GetAttribute("value")));
        Assert.Contains("A key is set. Leave empty to keep it", cut.Find("[data-testid=target-editor]").TextContent, StringComparison.Ordinal);

        input.Change(key);
        cut.Find("[data-testid=target-save]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=target-editor]")));
        Assert.Equal(key, Assert.Single(_targets.Updated).ApiKey);
        Assert.DoesNotContain(key, cut.Markup, StringComparison.Ordinal);
        Assert.Contains("API key set", cut.Find("[data-testid=notice]").TextContent, StringComparison.Ordinal);
    }
}
