using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Targets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Setup;

/// <summary>Registers the guided setup.</summary>
public static class SetupServiceCollectionExtensions
{
    /// <summary>
    /// Adds the guided setup on top of <see cref="TargetsServiceCollectionExtensions.AddDashboardTargets"/> (added
    /// here too when missing): the setup service, runs (Hangfire job, resumer, leases), the ownership ledger, the live
    /// event hub, and the connection test's look at Istio and the ALB. Singletons throughout: they keep no per-request
    /// state and use the store through a context factory. Needs the store, Data Protection, Hangfire and the audit log registered.
    /// </summary>
    public static IServiceCollection AddDashboardSetup(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddDashboardTargets(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IClusterSoftwareChecks, ClusterSoftwareChecks>());
        services.AddOptions<SetupOptions>().Bind(configuration.GetSection(SetupOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SetupOptions>, SetupOptionsValidator>());
        services.TryAddSingleton<OwnershipLedger>();
        services.TryAddSingleton<SetupMarkers>();
        services.TryAddSingleton<PrivateCaStore>();
        services.TryAddSingleton<StepServices>();
        services.TryAddSingleton<SetupStore>();
        services.TryAddSingleton<SetupService>();
        services.TryAddSingleton<TargetLeases>();
        services.TryAddSingleton<LeaseKeeper>();
        services.TryAddSingleton<ISetupEvents, SetupEvents>();
        services.TryAddSingleton<SetupRunService>();
        services.TryAddSingleton<SetupRunExecutor>();
        services.TryAddSingleton<SetupCleanupService>();
        services.TryAddTransient<SetupRunJob>();
        services.AddHostedService<SetupRunResumer>();
        return services;
    }
}
