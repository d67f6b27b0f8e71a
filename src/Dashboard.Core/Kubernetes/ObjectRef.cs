namespace Dashboard.Core.Kubernetes;

/// <summary>An object's identity, for messages and the ledger.</summary>
/// <param name="Kind">The resource type.</param>
/// <param name="Namespace">The namespace; null for cluster-scoped objects.</param>
/// <param name="Name">The object's name (or a label selector, for collections).</param>
public sealed record ObjectRef(ResourceKind Kind, string? Namespace, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Namespace is null ? $"{Kind.Kind} {Name}" : $"{Kind.Kind} {Namespace}/{Name}";
}
