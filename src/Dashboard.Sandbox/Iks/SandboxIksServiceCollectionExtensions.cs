using Dashboard.Sandbox.Networking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Sandbox.Iks;

/// <summary>Registers the IKS + IAM simulator.</summary>
public static class SandboxIksServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SandboxIksSimulator"/> as a singleton started and stopped with the host, and its DNS as
    /// <see cref="ISandboxDns"/> (injectable at once; it resolves names once the simulator has started). Uses the registered
    /// <see cref="TimeProvider"/> (register the <c>SandboxClock</c> to make renewals fast-forwardable).
    /// Its addresses are known before it starts, so the client can be pointed at it with
    /// <c>AddOptions&lt;IbmOptions&gt;().PostConfigure&lt;SandboxIksSimulator&gt;((o, s) =&gt; { o.ApiBaseUrl = s.BaseAddress.ToString(); o.IamTokenUrl = s.IamTokenUrl.ToString(); })</c>,
    /// and bound to the sandbox Kubernetes API with
    /// <c>AddOptions&lt;SandboxIksOptions&gt;().PostConfigure&lt;SandboxKubernetesServer&gt;((o, k) =&gt; o.KubeconfigPath = k.KubeconfigPath)</c>
    /// (register the Kubernetes server first, so it starts first).
    /// </summary>
    public static IServiceCollection AddSandboxIks(this IServiceCollection services, Action<SandboxIksOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SandboxIksOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SandboxIksSimulator>();
        services.TryAddSingleton<ISandboxDns>(sp => sp.GetRequiredService<SandboxIksSimulator>().Dns);
        services.AddHostedService<SandboxIksHostedService>();
        return services;
    }

    /// <summary>As <see cref="AddSandboxIks(IServiceCollection, Action{SandboxIksOptions}?)"/>, binding options from a configuration section (e.g. <c>Sandbox:Iks</c>).</summary>
    public static IServiceCollection AddSandboxIks(this IServiceCollection services, IConfiguration section, Action<SandboxIksOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<SandboxIksOptions>(section);
        return services.AddSandboxIks(configure);
    }
}

/// <summary>Starts and stops the simulator with the host.</summary>
internal sealed class SandboxIksHostedService(SandboxIksSimulator simulator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => simulator.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => simulator.StopAsync(cancellationToken);
}
