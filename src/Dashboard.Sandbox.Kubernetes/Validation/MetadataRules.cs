using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Selectors;

namespace Dashboard.Sandbox.Kubernetes.Validation;

/// <summary>ObjectMeta validation common to every kind (apimachinery ValidateObjectMeta).</summary>
internal static class MetadataRules
{
    private const int TotalAnnotationSizeLimit = 256 * 1024;

    public static void Validate(JsonObject obj, ResourceType type, List<StatusCause> causes)
    {
        var metadata = obj.Obj("metadata");
        var name = metadata.Str("name") ?? string.Empty;
        if (name.Length == 0)
        {
            causes.Add(StatusCause.Required("metadata.name", "name or generateName is required"));
        }
        else if (NameProblem(type, name) is { } problem)
        {
            causes.Add(StatusCause.Invalid("metadata.name", name, problem));
        }

        foreach (var (key, value) in metadata.StringMap("labels"))
        {
            if (LabelRules.ValidateQualifiedName(key) is { } keyProblem)
            {
                causes.Add(StatusCause.Invalid("metadata.labels", key, keyProblem));
            }

            if (LabelRules.ValidateLabelValue(value) is { } valueProblem)
            {
                causes.Add(StatusCause.Invalid("metadata.labels", value, valueProblem));
            }
        }

        var annotations = metadata.StringMap("annotations");
        var size = 0L;
        foreach (var (key, value) in annotations)
        {
            if (LabelRules.ValidateQualifiedName(key.ToLowerInvariant()) is { } keyProblem)
            {
                causes.Add(StatusCause.Invalid("metadata.annotations", key, keyProblem));
            }

            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }

        if (size > TotalAnnotationSizeLimit)
        {
            causes.Add(StatusCause.TooLong("metadata.annotations", TotalAnnotationSizeLimit));
        }

        foreach (var (index, finalizer) in (metadata.Arr("finalizers") ?? []).Select((f, i) => (i, f?.GetValue<string>() ?? string.Empty)))
        {
            if (LabelRules.ValidateQualifiedName(finalizer) is { } finalizerProblem)
            {
                causes.Add(StatusCause.Invalid($"metadata.finalizers[{index}]", finalizer, finalizerProblem));
            }
        }
    }

    /// <summary>The name rule of each kind: DNS label for namespaces, DNS-1035 label for services, DNS subdomain for the rest.</summary>
    public static string? NameProblem(ResourceType type, string name)
    {
        if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal))
        {
            return $"may not be '.' or '..' and may not contain '/' or '%'";
        }

        return (type.Group, type.Plural) switch
        {
            ("", "namespaces") => LabelRules.ValidateDns1123Label(name),
            ("", "services") => LabelRules.ValidateDns1035Label(name),
            _ => LabelRules.ValidateDns1123Subdomain(name),
        };
    }
}
