using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Sandbox.Kubernetes;

/// <summary>Registers the sandbox Kubernetes API server.</summary>
public static class SandboxKubernetesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SandboxKubernetesServer"/> as a singleton started and stopped with the host.
    /// Uses the registered <see cref="TimeProvider"/> (the system clock unless one is registered).
    /// </summary>
    public static IServiceCollection AddSandboxKubernetes(this IServiceCollection services, Action<SandboxKubernetesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SandboxKubernetesOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SandboxKubernetesServer>();
        services.AddHostedService<SandboxKubernetesHostedService>();
        return services;
    }

    /// <summary>As <see cref="AddSandboxKubernetes(IServiceCollection, Action{SandboxKubernetesOptions}?)"/>, binding options from a configuration section (e.g. <c>Sandbox:Kubernetes</c>).</summary>
    public static IServiceCollection AddSandboxKubernetes(this IServiceCollection services, IConfiguration section, Action<SandboxKubernetesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<SandboxKubernetesOptions>(section);
        return services.AddSandboxKubernetes(configure);
    }
}
