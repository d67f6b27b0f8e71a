using Dashboard.Web.Logging;
using Dashboard.Web.ViewModels.Setup;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The layout's error boundary: an exception a page did not handle is logged once, at Error, with a short reference;
/// the page shows that reference with the problem and the remedy in words. Navigating elsewhere (or Try again) renders
/// the page afresh.
/// </summary>
public sealed partial class PageErrorBoundary
{
    private ProblemInfo? _problem;

    [Inject]
    public required ILogger<PageErrorBoundary> Logger { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>Clears the error so the content renders again (the layout calls it on navigation).</summary>
    public void Reset()
    {
        _problem = null;
        Recover();
    }

    protected override Task OnErrorAsync(Exception exception)
    {
        var reference = ProblemInfo.NewReference();
        WebLog.PageFailed(Logger, exception, Navigation.ToBaseRelativePath(Navigation.Uri), reference);
        _problem = ProblemInfo.Unexpected("This page stopped working.", reference,
            "Press Try again, or go to the overview. If it happens again, give the reference to whoever runs the dashboard.");
        return Task.CompletedTask;
    }

    private void TryAgain() => Reset();
}
