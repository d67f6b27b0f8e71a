using System.Net;
using Microsoft.Extensions.Options;

namespace Dashboard.Sandbox.DataPlane;

/// <summary>Checks <see cref="SandboxDataPlaneOptions"/> at startup and reports every problem at once.</summary>
public sealed class SandboxDataPlaneOptionsValidator : IValidateOptions<SandboxDataPlaneOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SandboxDataPlaneOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem with <paramref name="options"/>, each naming the setting and the fix.</summary>
    public static IReadOnlyList<string> Problems(SandboxDataPlaneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = SandboxDataPlaneOptions.SectionName;
        var problems = new List<string>();
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            problems.Add($"{Section}:ListenAddress '{options.ListenAddress}' is not an IP address; use 127.0.0.1.");
        }

        if (options.GatewayPort is < 0 or > 65535 || options.AlbPort is < 0 or > 65535)
        {
            problems.Add($"{Section}:GatewayPort and AlbPort must be 0 (any free port) or a TCP port up to 65535.");
        }

        if (options.GatewayPort != 0 && options.GatewayPort == options.AlbPort)
        {
            problems.Add($"{Section}:GatewayPort and AlbPort are both {options.GatewayPort}; give them different ports or 0.");
        }

        if (!IPAddress.TryParse(options.AlbPublicIp, out _))
        {
            problems.Add($"{Section}:AlbPublicIp '{options.AlbPublicIp}' is not an IP address (default 169.46.52.20).");
        }

        if (options.GatewayServerPort is < 1 or > 65535)
        {
            problems.Add($"{Section}:GatewayServerPort must be a TCP port (443 as in the Gateway resources).");
        }

        if (string.IsNullOrWhiteSpace(options.GatewayNamespace) || string.IsNullOrWhiteSpace(options.GatewayServiceName) || string.IsNullOrWhiteSpace(options.DefaultCertificateSecretNamespace))
        {
            problems.Add($"{Section}:GatewayNamespace, GatewayServiceName and DefaultCertificateSecretNamespace must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.GatewayPodSelector) || options.GatewayPodSelector.Split(',').Any(p => !p.Contains('=', StringComparison.Ordinal)))
        {
            problems.Add($"{Section}:GatewayPodSelector '{options.GatewayPodSelector}' must be key=value pairs separated by commas, e.g. istio=ingressgateway.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterDomain))
        {
            problems.Add($"{Section}:ClusterDomain must not be empty (cluster.local).");
        }

        if (options.UpstreamConnectTimeout <= TimeSpan.Zero || options.UpstreamResponseTimeout <= TimeSpan.Zero || options.InitialSyncTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:UpstreamConnectTimeout, UpstreamResponseTimeout and InitialSyncTimeout must be positive.");
        }

        return problems;
    }
}
