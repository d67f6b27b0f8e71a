using Dashboard.Core.Ibm;
using Dashboard.Core.Probes;
using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Targets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Setup;

/// <summary>Registers targets and the guided setup.</summary>
public static class SetupServiceCollectionExtensions
{
    /// <summary>
    /// Adds targets (store, <c>Targets:n</c> configuration, plus any other <see cref="ITargetSource"/>), per-target
    /// clients, the setup service, runs (Hangfire job, resumer, leases), the ownership ledger and the live event hub.
    /// Singletons throughout: they keep no per-request state and use the store through a context factory. Needs the
    /// store, Data Protection, Hangfire and the audit log registered.
    /// </summary>
    public static IServiceCollection AddDashboardSetup(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddIbmCloud(configuration);
        services.AddMtlsProbe();
        services.AddHttpClient();

        services.AddOptions<TargetsOptions>().Configure(o => configuration.GetSection(TargetsOptions.SectionName).Bind(o.Items)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TargetsOptions>, TargetsOptionsValidator>());
        services.AddSingleton<ITargetSource, ConfigurationTargetSource>();
        services.TryAddSingleton<TargetChangeSignal>();
        services.TryAddSingleton<TargetService>();
        services.TryAddSingleton<TargetIbmClients>();
        TargetIbmClients.Register(services);
        services.TryAddSingleton<ITargetClients, TargetClientCache>();
        services.TryAddSingleton<TargetConnectionTester>();

        services.AddOptions<SetupOptions>().Bind(configuration.GetSection(SetupOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SetupOptions>, SetupOptionsValidator>());
        services.TryAddSingleton<OwnershipLedger>();
        services.TryAddSingleton<SetupMarkers>();
        services.TryAddSingleton<PrivateCaStore>();
        services.TryAddSingleton<SetupServices>();
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
