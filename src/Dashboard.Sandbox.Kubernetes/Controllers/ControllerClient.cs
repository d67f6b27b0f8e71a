using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Cluster;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Registry;
using Dashboard.Sandbox.Kubernetes.Storage;

namespace Dashboard.Sandbox.Kubernetes.Controllers;

/// <summary>What the simulated controllers use to read and write: the same operations (and validation) as API clients.</summary>
internal sealed class ControllerClient(ApiOperations operations, DeleteOperations deletes)
{
    public ClusterContext Context => operations.Context;

    public ResourceType Type(string group, string plural) => Context.Registry.Find(group, "v1", plural)!;

    public StoredObject? Get(ResourceType type, string ns, string name) => Context.Store.Get(type.GroupResource, ns, name);

    public List<StoredObject> Owned(string ownerUid, ResourceType type) =>
        Context.Store.Dependents(ownerUid).Where(d => d.Resource == type.GroupResource).ToList();

    public JsonObject? Create(ResourceType type, string ns, JsonObject obj, string manager)
    {
        try
        {
            return operations.Create(type, type.Namespaced ? ns : null, obj, WriteOptions.Internal(manager)).Object;
        }
        catch (ApiException e) when (e.Code is 403 or 404 or 409)
        {
            // Namespace going away, or a concurrent create: the next reconcile sees the real state.
            return null;
        }
    }

    /// <summary>Writes a new version of an object; a lost race is left to the next reconcile.</summary>
    public JsonObject? Update(ResourceType type, JsonObject updated, string manager, bool status = false)
    {
        try
        {
            var ns = updated.Str("metadata", "namespace");
            return operations.Update(type, ns, updated.Str("metadata", "name")!, updated, WriteOptions.Internal(manager) with { System = true, Subresource = status ? "status" : null }).Object;
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            return null;
        }
    }

    public void Delete(ResourceType type, string ns, string name, long? gracePeriod = null)
    {
        try
        {
            deletes.Delete(type, type.Namespaced ? ns : null, name, new DeleteRequest { GracePeriodSeconds = gracePeriod, PropagationPolicy = "Background" });
        }
        catch (ApiException e) when (e.Code is 404 or 403)
        {
            // Already gone (or protected).
        }
    }

    /// <summary>Removes an object at once, without finalizers or grace (the kubelet confirming a pod is gone, the namespace controller).</summary>
    public void Remove(GroupResource resource, string ns, string name)
    {
        lock (Context.Store.Gate)
        {
            Context.Store.Remove(resource, ns, name);
        }
    }

    public static JsonObject OwnerReference(JsonObject owner) => new()
    {
        ["apiVersion"] = owner.Str("apiVersion"),
        ["kind"] = owner.Str("kind"),
        ["name"] = owner.Str("metadata", "name"),
        ["uid"] = owner.Str("metadata", "uid"),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };
}
