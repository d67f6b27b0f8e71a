using Dashboard.Core.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Targets;

/// <summary>One target from configuration (<c>Targets:&lt;n&gt;:...</c>).</summary>
public sealed class ConfiguredTarget
{
    /// <summary>The target's name (a DNS label: lowercase letters, digits, dashes).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The kubeconfig file.</summary>
    public string? KubeconfigPath { get; set; }

    /// <summary>The kubeconfig context; empty for its current context.</summary>
    public string? KubeContext { get; set; }

    /// <summary>Use the pod's service account instead of a kubeconfig.</summary>
    public bool InCluster { get; set; }

    /// <summary>The IKS cluster name or id.</summary>
    public string? IksClusterName { get; set; }

    /// <summary>The IBM Cloud API key (better given as the environment variable <c>Targets__0__ApiKey</c>).</summary>
    public string? ApiKey { get; set; }
}

/// <summary>The <c>Targets</c> section: a list of <see cref="ConfiguredTarget"/>.</summary>
public sealed class TargetsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Targets";

    /// <summary>The configured targets.</summary>
    public List<ConfiguredTarget> Items { get; set; } = [];
}

/// <summary>Checks every configured target at start-up, reporting all problems at once.</summary>
public sealed class TargetsOptionsValidator : IValidateOptions<TargetsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TargetsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        for (var i = 0; i < options.Items.Count; i++)
        {
            var t = options.Items[i];
            var request = new TargetRequest(t.Name, t.KubeconfigPath, t.KubeContext, t.InCluster, t.IksClusterName, t.ApiKey);
            errors.AddRange(TargetValidation.Problems(request, requireApiKeyShape: !string.IsNullOrEmpty(t.ApiKey)).Select(p => $"Targets:{i}: {p}"));
        }

        foreach (var duplicate in options.Items.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"Targets: the name '{duplicate.Key}' is used {duplicate.Count()} times; give each target its own name.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>The targets defined in configuration.</summary>
public sealed class ConfigurationTargetSource(IOptions<TargetsOptions> options) : ITargetSource
{
    /// <inheritdoc />
    public IReadOnlyList<ResolvedTarget> Targets => [.. options.Value.Items.Select(t => new ResolvedTarget(
        new TargetDefinition(t.Name, t.Name, Blank(t.KubeconfigPath), Blank(t.KubeContext), t.InCluster, Blank(t.IksClusterName), !string.IsNullOrWhiteSpace(t.ApiKey), TargetSource.Configuration),
        new TargetConnectionSettings { ApiKey = Blank(t.ApiKey) }))];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
