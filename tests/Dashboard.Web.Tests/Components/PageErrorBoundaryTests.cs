using Bunit;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Components;

public sealed class PageErrorBoundaryTests : BunitContext
{
    private readonly FakeLogger<PageErrorBoundary> _logger = new();

    public PageErrorBoundaryTests()
    {
        Services.AddMudServices();
        Services.AddSingleton<ILogger<PageErrorBoundary>>(_logger);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void PageErrorBoundary_PageThrowsInAnEventHandler_FriendlyPanelLoggedOnceTryAgainRendersThePage()
    {
        var cut = Render<PageErrorBoundary>(p => p.AddChildContent<FailingPage>());
        Assert.Equal("working", cut.Find("#page-state").TextContent);

        cut.Find("#fail").Click();

        var panel = cut.Find("[data-testid=page-error]");
        Assert.Equal("alert", panel.GetAttribute("role"));
        Assert.Contains("This page stopped working.", panel.TextContent, StringComparison.Ordinal);
        Assert.Contains("What to do:", panel.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#page-state"));
        Assert.DoesNotContain(FailingPage.Secret, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Dashboard.", cut.Markup, StringComparison.Ordinal);

        cut.Find("[data-testid=problem-details-toggle]").Click();
        var reference = cut.Find("[data-testid=problem-details]").TextContent.Trim()["Reference: ".Length..];
        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.IsType<InvalidOperationException>(record.Exception);
        Assert.Contains(reference, record.Message, StringComparison.Ordinal);

        cut.Find("[data-testid=page-error-retry]").Click();
        Assert.Equal("working", cut.Find("#page-state").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=page-error]"));
    }

    /// <summary>A page whose button throws, as a bug in an event handler would.</summary>
    private sealed class FailingPage : ComponentBase
    {
        public const string Secret = "connection string Password=hunter2";

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "id", "page-state");
            builder.AddContent(2, "working");
            builder.CloseElement();
            builder.OpenElement(3, "button");
            builder.AddAttribute(4, "id", "fail");
            builder.AddAttribute(5, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, Fail));
            builder.CloseElement();
        }

        private static void Fail() => throw new InvalidOperationException(Secret);
    }
}
