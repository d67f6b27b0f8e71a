using System.Net;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Options;

/// <summary>
/// The proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed (<c>ForwardedHeaders</c> section).
/// Empty (the default): none, the headers are ignored and the connection's own address and scheme count.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>172.18.0.0/16</c> (a compose network).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>True when any proxy is configured.</summary>
    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

public sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var errors = new List<string>();
        foreach (var proxy in options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            errors.Add($"ForwardedHeaders:KnownProxies '{proxy}' is not an IP address: give the proxy's address, e.g. 10.0.0.5 (networks go in KnownNetworks).");
        }

        foreach (var network in options.KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            errors.Add($"ForwardedHeaders:KnownNetworks '{network}' is not a network in CIDR notation: use e.g. 172.18.0.0/16.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
