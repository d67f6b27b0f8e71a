using Bunit;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.ViewModels;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Components;

public sealed class ComponentTests : BunitContext
{
    public ComponentTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void NotYetAvailable_SaysPlainlyWhatIsMissing()
    {
        var cut = Render<NotYetAvailable>(p => p.Add(c => c.Feature, "Cleanup").Add(c => c.Description, "Arrives later."));
        Assert.Contains("Cleanup is not available yet.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Arrives later.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ReconnectBanner_HasTheElementBlazorDrives()
    {
        var cut = Render<ReconnectBanner>();
        var banner = cut.Find("#components-reconnect-modal");
        Assert.Contains("Reconnecting", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("Reload the page", banner.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditViewModel_FiltersBecomeAQuery_ToDateIncludesItsDay()
    {
        var model = new AuditViewModel(new UnusedAuditLog())
        {
            Actor = " admin ",
            Action = "token.",
            Result = AuditResult.Denied,
            From = new DateTime(2026, 11, 1),
            To = new DateTime(2026, 11, 26),
            Text = "  ",
        };

        var query = model.BuildQuery(2, 25);

        Assert.Equal(new AuditQuery(2, 25, "admin", "token.", AuditResult.Denied,
            new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc), null), query);
        model.Clear();
        Assert.Equal(new AuditQuery(0, 50), model.BuildQuery(0, 50));
    }

    private sealed class UnusedAuditLog : IAuditLog
    {
        public Task RecordAsync(AuditRecord record, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void Append(DashboardDbContext db, AuditRecord record) => throw new NotSupportedException();

        public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
