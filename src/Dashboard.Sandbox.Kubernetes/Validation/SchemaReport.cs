using Dashboard.Sandbox.Kubernetes.Api;

namespace Dashboard.Sandbox.Kubernetes.Validation;

/// <summary>What checking an object against its schema found.</summary>
internal sealed class SchemaReport
{
    /// <summary>Fields not in the schema, already removed from the object (paths like <c>spec.foo</c>).</summary>
    public List<string> UnknownFields { get; } = [];

    /// <summary>Values the typed decoder would refuse (built-in kinds: 400).</summary>
    public List<string> DecodeErrors { get; } = [];

    /// <summary>Schema violations reported as 422 field causes.</summary>
    public List<StatusCause> Causes { get; } = [];
}
