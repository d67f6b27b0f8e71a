using System.Globalization;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Registry;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>Typed access to the query parameters of API requests, with the API server's validation errors.</summary>
internal sealed class QueryOptions(IQueryCollection query)
{
    private static readonly string[] s_fieldValidationValues = ["Ignore", "Strict", "Warn"];
    private static readonly string[] s_dryRunValues = ["All"];

    public string? Get(string name) => query.TryGetValue(name, out var value) && value.Count > 0 ? value[^1] : null;

    public bool Flag(string name) => Get(name) is { } value && (value == "true" || value == "1");

    public long? Long(string name)
    {
        var text = Get(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.BadRequest($"strconv.ParseInt: parsing \"{text}\": invalid syntax");
    }

    /// <summary>Options of create/update/patch; invalid values are a 422 on the options kind, as the real server reports.</summary>
    public WriteOptions Write(string optionsKind, string? subresource, string userAgent)
    {
        var causes = new List<StatusCause>();
        var dryRun = Get("dryRun");
        if (dryRun is not null && dryRun != "All")
        {
            causes.Add(StatusCause.NotSupported("dryRun", dryRun, s_dryRunValues));
        }

        var validation = Get("fieldValidation") ?? "Warn";
        if (!s_fieldValidationValues.Contains(validation))
        {
            causes.Add(StatusCause.NotSupported("fieldValidation", validation, s_fieldValidationValues));
        }

        var manager = Get("fieldManager");
        if (manager is { Length: > 128 })
        {
            causes.Add(StatusCause.TooLong("fieldManager", 128));
        }

        if (causes.Count > 0)
        {
            throw ApiException.Invalid("meta.k8s.io", optionsKind, string.Empty, causes);
        }

        return new WriteOptions
        {
            DryRun = dryRun == "All",
            FieldValidation = Enum.Parse<FieldValidation>(validation),
            FieldManager = manager ?? DefaultManager(userAgent),
            Force = Flag("force"),
            Subresource = subresource,
        };
    }

    /// <summary>The API server's default field manager: the user agent up to the first '/'.</summary>
    private static string DefaultManager(string userAgent)
    {
        var prefix = userAgent.Split('/')[0];
        return prefix.Length > 128 ? prefix[..128] : prefix;
    }
}
