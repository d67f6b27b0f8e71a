using System.Text.RegularExpressions;

namespace Dashboard.Sandbox.Kubernetes.Selectors;

/// <summary>Kubernetes' name and label syntax rules (apimachinery/pkg/util/validation), with its error texts.</summary>
internal static partial class LabelRules
{
    public const string Dns1123LabelError = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public const string Dns1123SubdomainError = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public const string Dns1035LabelError = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    public static string? ValidateDns1123Label(string value) =>
        value.Length > 63 ? "must be no more than 63 characters"
        : Dns1123Label().IsMatch(value) ? null : Dns1123LabelError;

    public static string? ValidateDns1123Subdomain(string value) =>
        value.Length > 253 ? "must be no more than 253 characters"
        : Dns1123Subdomain().IsMatch(value) ? null : Dns1123SubdomainError;

    public static string? ValidateDns1035Label(string value) =>
        value.Length > 63 ? "must be no more than 63 characters"
        : Dns1035Label().IsMatch(value) ? null : Dns1035LabelError;

    /// <summary>A label or annotation key: optional DNS subdomain prefix and a name part.</summary>
    public static string? ValidateQualifiedName(string value)
    {
        var parts = value.Split('/');
        string name;
        if (parts.Length == 1)
        {
            name = parts[0];
        }
        else if (parts.Length == 2)
        {
            if (parts[0].Length == 0)
            {
                return "prefix part must be non-empty";
            }

            if (ValidateDns1123Subdomain(parts[0]) is { } prefixProblem)
            {
                return "prefix part " + prefixProblem;
            }

            name = parts[1];
        }
        else
        {
            return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
        }

        if (name.Length == 0)
        {
            return "name part must be non-empty";
        }

        if (name.Length > 63)
        {
            return "name part must be no more than 63 characters";
        }

        return QualifiedNamePart().IsMatch(name)
            ? null
            : "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    }

    public static string? ValidateLabelValue(string value) =>
        value.Length > 63 ? "must be no more than 63 characters"
        : value.Length == 0 || QualifiedNamePart().IsMatch(value) ? null
        : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    /// <summary>Secret and ConfigMap data keys.</summary>
    public static string? ValidateConfigKey(string value) =>
        value.Length > 253 ? "must be no more than 253 characters"
        : ConfigKey().IsMatch(value) && value != "." && value != ".." ? null
        : "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedNamePart();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();
}
