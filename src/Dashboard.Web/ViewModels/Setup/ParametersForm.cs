using Dashboard.Core.Setup;

namespace Dashboard.Web.ViewModels.Setup;

/// <summary>
/// The setup parameters as an editable form. Validation is the service layer's own (<see cref="SetupParameters.Validate"/>);
/// each message names its field first, which is how it is shown under that field as the user types.
/// </summary>
public sealed class ParametersForm
{
    /// <summary>The fields in display order: the key the service's messages start with, the label and a hint.</summary>
    public static IReadOnlyList<(string Key, string Label, string Hint)> Fields { get; } =
    [
        ("namespace", "Namespace for httpbin", "seed: httptools"),
        ("routePrefix", "Route prefix", "seed: /status"),
        ("httpbinHostLabel", "ALB host label", "httpbin.<ALB domain>"),
        ("gatewayName", "Gateway name", "seed: default-ingress-gateway"),
        ("virtualServiceName", "VirtualService name", "seed: default-ingress"),
        ("ingressName", "Ingress name", "seed: alb-ingress"),
        ("albSecretName", "ALB secret name", "seed: alb-certs"),
    ];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private SetupParameters _saved = SetupParameters.Default;

    /// <summary>A field's current text.</summary>
    public string this[string key]
    {
        get => _values.GetValueOrDefault(key, string.Empty);
        set => _values[key] = value ?? string.Empty;
    }

    /// <summary>Loads the stored parameters (discarding edits).</summary>
    public void Load(SetupParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _saved = parameters;
        _values["namespace"] = parameters.Namespace;
        _values["routePrefix"] = parameters.RoutePrefix;
        _values["httpbinHostLabel"] = parameters.HttpbinHostLabel;
        _values["gatewayName"] = parameters.GatewayName;
        _values["virtualServiceName"] = parameters.VirtualServiceName;
        _values["ingressName"] = parameters.IngressName;
        _values["albSecretName"] = parameters.AlbSecretName;
    }

    /// <summary>The parameters the form holds.</summary>
    public SetupParameters ToParameters() => new()
    {
        Namespace = this["namespace"].Trim(),
        RoutePrefix = this["routePrefix"].Trim(),
        HttpbinHostLabel = this["httpbinHostLabel"].Trim(),
        GatewayName = this["gatewayName"].Trim(),
        VirtualServiceName = this["virtualServiceName"].Trim(),
        IngressName = this["ingressName"].Trim(),
        AlbSecretName = this["albSecretName"].Trim(),
    };

    /// <summary>Every problem, as the service words it.</summary>
    public IReadOnlyList<string> Problems => ToParameters().Validate();

    /// <summary>Whether the form differs from the stored parameters.</summary>
    public bool IsDirty => ToParameters() != _saved;

    /// <summary>The problems of one field, joined; null when it is valid.</summary>
    public string? ErrorOf(string key)
    {
        var problems = Problems.Where(p => p.StartsWith(key + " ", StringComparison.Ordinal)).ToList();
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }
}
