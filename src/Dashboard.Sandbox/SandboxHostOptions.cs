using Dashboard.Sandbox.Kubernetes;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Sandbox;

/// <summary>Whether the embedded sandbox runs.</summary>
public enum SandboxMode
{
    /// <summary>On when no <c>Targets:*</c> are configured.</summary>
    Auto,

    /// <summary>Always on (next to configured targets).</summary>
    On,

    /// <summary>Never.</summary>
    Off,
}

/// <summary>
/// The <c>Sandbox</c> section: <c>Mode</c>, plus <c>Kubernetes</c> (the simulator's options, <c>Flavour</c>, and
/// <c>Kubeconfig</c> to use a real cluster instead of the simulator), <c>Iks</c> and <c>DataPlane</c> (passed to those parts).
/// </summary>
public sealed class SandboxHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sandbox";

    /// <summary>Auto, On or Off.</summary>
    public SandboxMode Mode { get; set; } = SandboxMode.Auto;

    /// <summary>The Kubernetes part's choices.</summary>
    public SandboxKubernetesChoice Kubernetes { get; set; } = new();

    /// <summary>Whether the sandbox runs with <paramref name="configuration"/>: On, or Auto without configured targets.</summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<SandboxHostOptions>() ?? new SandboxHostOptions();
        return options.Mode == SandboxMode.On || (options.Mode == SandboxMode.Auto && !configuration.GetSection("Targets").GetChildren().Any());
    }
}

/// <summary>The sandbox's Kubernetes API: the simulator (of a flavour) or a real cluster.</summary>
public sealed class SandboxKubernetesChoice
{
    /// <summary>A kubeconfig of a real cluster to use instead of the simulator (the IKS simulator and the data plane bind to it).</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The simulated cluster's generation (ignored with <see cref="Kubeconfig"/>).</summary>
    public ClusterFlavour Flavour { get; set; } = ClusterFlavour.Current;
}
