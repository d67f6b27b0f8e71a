using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Cluster;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Storage;

namespace Dashboard.Sandbox.Kubernetes.Registry;

/// <summary>DELETE: preconditions, finalizers, graceful pod deletion, namespace termination and CRD clean-up.</summary>
internal sealed class DeleteOperations(ClusterContext context)
{
    public const string ForegroundFinalizer = "foregroundDeletion";

    private static readonly string[] s_protectedNamespaces = ["default", "kube-system", "kube-public"];

    public DeleteResult Delete(ResourceType type, string? ns, string name, DeleteRequest request)
    {
        lock (context.Store.Gate)
        {
            var existing = context.Store.Get(type.GroupResource, ns ?? string.Empty, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
            CheckPreconditions(type, existing, request);
            if (type.Kind == "Namespace" && s_protectedNamespaces.Contains(name))
            {
                throw ApiException.Forbidden(type.Group, type.Plural, name, "this namespace may not be deleted");
            }

            if (request.DryRun)
            {
                return new DeleteResult(ObjectViews.AtVersion(existing.Object, type), Deleted: true);
            }

            if (existing.IsDeleting && type.Kind != "Pod")
            {
                return new DeleteResult(ObjectViews.AtVersion(existing.Object, type), Deleted: false);
            }

            if (request.PropagationPolicy == "Orphan")
            {
                Orphan(existing);
            }
            else if (request.PropagationPolicy == "Foreground" && type.Kind != "Namespace" && context.Store.Dependents(existing.Uid).Count > 0)
            {
                // Foreground: the owner stays (marked, with the foregroundDeletion finalizer) until the garbage
                // collector has deleted its dependents, then goes.
                var owner = existing.Clone();
                owner.Metadata()["deletionTimestamp"] = context.Now();
                owner.Metadata()["deletionGracePeriodSeconds"] = 0;
                if (owner.Metadata()["finalizers"] is not JsonArray finalizers)
                {
                    finalizers = [];
                    owner.Metadata()["finalizers"] = finalizers;
                }

                finalizers.Add(ForegroundFinalizer);
                return Marked(type, owner);
            }

            var marked = existing.Clone();
            var metadata = marked.Metadata();
            switch (type.Kind)
            {
                case "Namespace":
                    metadata["deletionTimestamp"] = context.Now();
                    marked.Ensure("status")["phase"] = "Terminating";
                    return Marked(type, marked);
                case "Pod" when !(request.GracePeriodSeconds == 0 || context.Options.PodTerminationDelay <= TimeSpan.Zero):
                    if (existing.IsDeleting)
                    {
                        return new DeleteResult(existing.Object, Deleted: false);
                    }

                    metadata["deletionTimestamp"] = context.Now();
                    metadata["deletionGracePeriodSeconds"] = request.GracePeriodSeconds ?? marked.Int("spec", "terminationGracePeriodSeconds") ?? 30;
                    return Marked(type, marked);
                case "CustomResourceDefinition":
                    RemoveCustomResources(marked);
                    break;
            }

            if (metadata.Arr("finalizers") is { Count: > 0 })
            {
                metadata["deletionTimestamp"] = context.Now();
                metadata["deletionGracePeriodSeconds"] = 0;
                return Marked(type, marked);
            }

            var gone = context.Store.Remove(type.GroupResource, ns ?? string.Empty, name, marked)!;
            return new DeleteResult(ObjectViews.AtVersion(gone.Object, type), Deleted: true);
        }
    }

    /// <summary>Deletes what a list with the same selectors returns; the result lists the deleted objects.</summary>
    public List<JsonObject> DeleteCollection(ResourceType type, IEnumerable<StoredObject> matches, DeleteRequest request)
    {
        var deleted = new List<JsonObject>();
        foreach (var item in matches)
        {
            try
            {
                deleted.Add(Delete(type, item.Namespace.Length == 0 ? null : item.Namespace, item.Name, request).Object);
            }
            catch (ApiException e) when (e.Code is 404 or 403)
            {
                // Already gone, or protected (the default namespaces): the collection delete skips it.
            }
        }

        return deleted;
    }

    private DeleteResult Marked(ResourceType type, JsonObject marked)
    {
        var stored = context.Store.Put(type.GroupResource, marked);
        return new DeleteResult(ObjectViews.AtVersion(stored.Object, type), Deleted: false);
    }

    private static void CheckPreconditions(ResourceType type, StoredObject existing, DeleteRequest request)
    {
        if (request.PreconditionUid is { } uid && uid != existing.Uid)
        {
            throw ApiException.Conflict(type.Group, type.Plural, existing.Name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {existing.Uid}");
        }

        if (request.PreconditionResourceVersion is { } rv && rv != existing.Object.Str("metadata", "resourceVersion"))
        {
            throw ApiException.Conflict(type.Group, type.Plural, existing.Name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {existing.Object.Str("metadata", "resourceVersion")}");
        }
    }

    private void Orphan(StoredObject owner)
    {
        foreach (var dependent in context.Store.Dependents(owner.Uid))
        {
            var copy = dependent.Clone();
            if (copy.Obj("metadata")?["ownerReferences"] is JsonArray refs)
            {
                foreach (var reference in refs.Objects().Where(r => r.Str("uid") == owner.Uid).ToList())
                {
                    refs.Remove(reference);
                }

                if (refs.Count == 0)
                {
                    copy.Metadata().Remove("ownerReferences");
                }
            }

            context.Store.Put(dependent.Resource, copy);
        }
    }

    /// <summary>The apiextensions clean-up finalizer: a CRD's custom resources go with it.</summary>
    private void RemoveCustomResources(JsonObject crd)
    {
        var resource = new GroupResource(crd.Str("spec", "group") ?? string.Empty, crd.Str("spec", "names", "plural") ?? string.Empty);
        foreach (var item in context.Store.List(resource, null))
        {
            context.Store.Remove(resource, item.Namespace, item.Name);
        }
    }
}
