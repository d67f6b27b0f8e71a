using Dashboard.Core.Ibm;
using Dashboard.Core.Probes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Targets;

/// <summary>Registers targets and what it takes to reach them.</summary>
public static class TargetsServiceCollectionExtensions
{
    /// <summary>
    /// Adds targets (store, <c>Targets:n</c> configuration, plus any other <see cref="ITargetSource"/>), per-target
    /// clients (Kubernetes, IKS, the mTLS probe) and the connection tester. Singletons: they keep no per-request state.
    /// Needs the store, Data Protection and the audit log registered. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddDashboardTargets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(TargetService)))
        {
            return services;
        }

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
        return services;
    }
}
