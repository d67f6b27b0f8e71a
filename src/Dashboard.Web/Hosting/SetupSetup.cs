using Dashboard.Core.Setup;

namespace Dashboard.Web.Hosting;

internal static class SetupSetup
{
    /// <summary>Targets, the guided setup and its runs, and the sandbox (with its target) when enabled.</summary>
    public static WebApplicationBuilder AddDashboardSetup(this WebApplicationBuilder builder)
    {
        builder.Services.AddDashboardSetup(builder.Configuration);
        return builder.AddDashboardSandboxWhenEnabled();
    }
}
