using Dashboard.Core.Storage;
using Hangfire.Dashboard;

namespace Dashboard.Web.Jobs;

/// <summary>
/// The Hangfire dashboard is behind the app's own sign-in (the endpoint requires an authenticated user); this filter
/// is the second lock, and <see cref="IsReadOnly"/> keeps Viewers from retrying or deleting jobs.
/// </summary>
internal sealed class DashboardJobAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.Identity?.IsAuthenticated == true;

    public static bool IsReadOnly(DashboardContext context) => !context.GetHttpContext().User.IsInRole(nameof(DashboardRole.Operator));
}
