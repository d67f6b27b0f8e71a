using Dashboard.Core.Setup;
using Dashboard.Core.Targets;

namespace Dashboard.Web.Hosting;

/// <summary>Everything that reaches a cluster: targets, the guided setup and its runs, and the sandbox when enabled.</summary>
internal static class ClustersSetup
{
    /// <summary>Targets, the guided setup and its runs, and the sandbox (with its target) when enabled.</summary>
    public static WebApplicationBuilder AddDashboardClusters(this WebApplicationBuilder builder)
    {
        builder.Services.AddDashboardTargets(builder.Configuration).AddDashboardSetup(builder.Configuration);
        return builder.AddDashboardSandboxWhenEnabled();
    }
}
