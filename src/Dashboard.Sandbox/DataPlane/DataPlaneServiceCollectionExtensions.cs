using Dashboard.Sandbox.Networking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Sandbox.DataPlane;

/// <summary>Registers the sandbox data plane.</summary>
public static class DataPlaneServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SandboxDataPlane"/> (singleton: it owns two listeners and the cluster watches) and
    /// <see cref="ISandboxEndpointMap"/> (its host map), with options bound from <c>Sandbox:DataPlane</c> and validated
    /// at start. An <see cref="ISandboxDns"/> registered by the IKS simulator is used when present. Nothing starts
    /// until <see cref="SandboxDataPlane.StartAsync"/> is called with the bound cluster's kubeconfig.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Configuration holding the <c>Sandbox:DataPlane</c> section, if any.</param>
    /// <param name="configure">Further changes to the options, if any.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddSandboxDataPlane(this IServiceCollection services, IConfiguration? configuration = null, Action<SandboxDataPlaneOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SandboxDataPlaneOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(SandboxDataPlaneOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxDataPlaneOptions>, SandboxDataPlaneOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new SandboxDataPlane(
            provider.GetRequiredService<IOptions<SandboxDataPlaneOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetService<ISandboxDns>()));
        services.TryAddSingleton<ISandboxEndpointMap>(provider => provider.GetRequiredService<SandboxDataPlane>().EndpointMap);
        return services;
    }
}
