using Dashboard.Sandbox.Clock;
using Dashboard.Sandbox.DataPlane;
using Dashboard.Sandbox.Iks;
using Dashboard.Sandbox.Kubernetes;
using Dashboard.Sandbox.Networking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Sandbox;

/// <summary>Composes the sandbox's three parts for the running app.</summary>
public static class SandboxHostingExtensions
{
    /// <summary>
    /// Registers the sandbox: one <see cref="SandboxClock"/> for all three parts (so a clock jump renews certificates,
    /// ages tokens and moves the data plane's notion of validity together; the dashboard's own services keep the
    /// system clock), the Kubernetes API simulator (or the cluster of <c>Sandbox:Kubernetes:Kubeconfig</c>), the IKS
    /// simulator bound to that cluster, the data plane, <see cref="SandboxEnvironment"/> and a hosted service starting
    /// them in that order. Options come from <c>Sandbox:Kubernetes</c>, <c>Sandbox:Iks</c> and <c>Sandbox:DataPlane</c>;
    /// state lives under <paramref name="dataDirectory"/>/sandbox.
    /// </summary>
    public static IServiceCollection AddDashboardSandbox(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var choice = configuration.GetSection(SandboxHostOptions.SectionName).Get<SandboxHostOptions>()?.Kubernetes ?? new SandboxKubernetesChoice();
        var external = string.IsNullOrWhiteSpace(choice.Kubeconfig) ? null : Path.GetFullPath(choice.Kubeconfig);
        if (external is not null && !File.Exists(external))
        {
            throw new OptionsValidationException(SandboxHostOptions.SectionName, typeof(SandboxHostOptions),
                [$"Sandbox:Kubernetes:Kubeconfig '{choice.Kubeconfig}' does not exist: give the path of a readable kubeconfig, or remove the setting to use the embedded Kubernetes simulator."]);
        }

        services.AddSingleton<SandboxClock>();
        services.AddOptions<SandboxKubernetesOptions>().Bind(configuration.GetSection(SandboxKubernetesOptions.SectionName))
            .PostConfigure(o => o.DataDirectory = string.IsNullOrWhiteSpace(o.DataDirectory) ? dataDirectory : o.DataDirectory);
        services.AddOptions<SandboxIksOptions>().Bind(configuration.GetSection(SandboxIksOptions.SectionName))
            .PostConfigure(o => o.DataDirectory = string.IsNullOrWhiteSpace(o.DataDirectory) ? dataDirectory : o.DataDirectory);
        if (external is null)
        {
            services.AddSingleton(sp => new SandboxKubernetesServer(sp.GetRequiredService<IOptions<SandboxKubernetesOptions>>(), sp.GetRequiredService<SandboxClock>(), sp.GetRequiredService<ILoggerFactory>()));
        }

        services.AddSingleton(sp => new SandboxIksSimulator(sp.GetRequiredService<IOptions<SandboxIksOptions>>(), sp.GetRequiredService<SandboxClock>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ISandboxDns>(sp => sp.GetRequiredService<SandboxIksSimulator>().Dns);

        // Registered before AddSandboxDataPlane, whose TryAdd then keeps this one: the data plane runs on the sandbox clock.
        services.AddSingleton(sp => new SandboxDataPlane(sp.GetRequiredService<IOptions<SandboxDataPlaneOptions>>(), sp.GetRequiredService<SandboxClock>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<ISandboxDns>()));
        services.AddSandboxDataPlane(configuration);
        services.AddSingleton(sp => new SandboxEnvironment(
            sp.GetRequiredService<SandboxClock>(), sp.GetRequiredService<SandboxIksSimulator>(), sp.GetRequiredService<SandboxDataPlane>(), sp.GetService<SandboxKubernetesServer>(), external));
        services.AddHostedService<SandboxHostedService>();
        return services;
    }
}
