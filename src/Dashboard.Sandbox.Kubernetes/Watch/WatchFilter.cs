using Dashboard.Sandbox.Kubernetes.Selectors;
using Dashboard.Sandbox.Kubernetes.Storage;

namespace Dashboard.Sandbox.Kubernetes.Watch;

/// <summary>Which objects of a resource a watch (or list) sees.</summary>
internal sealed record WatchFilter(string? Namespace, LabelSelector Labels, FieldSelector Fields)
{
    public bool Matches(StoredObject obj) =>
        (Namespace is null || obj.Namespace == Namespace)
        && Labels.Matches(obj.Labels)
        && (Fields.IsEverything || Fields.Matches(obj.Object));
}
