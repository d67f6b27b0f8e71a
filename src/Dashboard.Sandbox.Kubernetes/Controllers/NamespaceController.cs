using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Storage;

namespace Dashboard.Sandbox.Kubernetes.Controllers;

/// <summary>
/// The namespace controller (every namespace gets a <c>default</c> ServiceAccount; a Terminating namespace has its
/// contents deleted, then its finalizer removed, then disappears) and the garbage collector (dependents follow
/// their owners).
/// </summary>
internal sealed class NamespaceController(ControllerClient client, ControllerLoop loop)
{
    public void OnNamespace(StoreChange change)
    {
        var ns = change.Object;
        if (change.Kind == WatchEventKind.Added && !ns.IsDeleting)
        {
            EnsureNamespaceDefaults(ns.Name);
        }

        if (change.Kind != WatchEventKind.Deleted && ns.IsDeleting)
        {
            var since = DateTimeOffset.Parse(ns.Object.Str("metadata", "deletionTimestamp")!, CultureInfo.InvariantCulture);
            loop.At(since + client.Context.Options.NamespaceFinalizeDelay, () => Finalize(ns.Name));
        }
    }

    /// <summary>What the serviceaccount controller and the root CA publisher put into every namespace.</summary>
    public void EnsureNamespaceDefaults(string ns)
    {
        var accounts = client.Type(string.Empty, "serviceaccounts");
        if (client.Get(accounts, ns, "default") is null)
        {
            client.Create(accounts, ns, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ServiceAccount", ["metadata"] = new JsonObject { ["name"] = "default" } }, "kube-controller-manager");
        }

        var configMaps = client.Type(string.Empty, "configmaps");
        if (client.Context.CaPem.Length > 0 && client.Get(configMaps, ns, "kube-root-ca.crt") is null)
        {
            client.Create(configMaps, ns, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject
                {
                    ["name"] = "kube-root-ca.crt",
                    ["annotations"] = new JsonObject { ["kubernetes.io/description"] = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters." },
                },
                ["data"] = new JsonObject { ["ca.crt"] = client.Context.CaPem },
            }, "kube-controller-manager");
        }
    }

    /// <summary>Garbage collection: once an owner is gone, dependents with no remaining owner are deleted (background propagation).</summary>
    public void OnDeleted(StoreChange change)
    {
        if (change.Kind != WatchEventKind.Deleted || change.Object.Uid.Length == 0)
        {
            return;
        }

        foreach (var dependent in client.Context.Store.Dependents(change.Object.Uid))
        {
            var others = dependent.OwnerUids.Where(uid => uid != change.Object.Uid);
            if (others.Any(OwnerExists) || client.Context.Registry.StorageType(dependent.Resource) is not { } type)
            {
                continue;
            }

            client.Delete(type, dependent.Namespace, dependent.Name);
        }
    }

    /// <summary>
    /// Foreground deletion: an owner marked with the foregroundDeletion finalizer has its dependents deleted; once none
    /// remain the finalizer goes, and with it the owner. Runs for the owner's own changes and for its dependents' deletions.
    /// </summary>
    public void OnForeground(StoreChange change)
    {
        if (change.Kind != WatchEventKind.Deleted && IsForegroundDeleting(change.Object))
        {
            Finish(change.Object);
        }

        if (change.Kind == WatchEventKind.Deleted)
        {
            foreach (var ownerUid in change.Object.OwnerUids)
            {
                var owner = client.Context.Store.GetByUid(ownerUid);
                if (owner is not null && IsForegroundDeleting(owner))
                {
                    Finish(owner);
                }
            }
        }
    }

    private static bool IsForegroundDeleting(StoredObject obj) =>
        obj.IsDeleting && obj.Object.Arr("metadata", "finalizers")?.Any(f => f?.GetValue<string>() == Registry.DeleteOperations.ForegroundFinalizer) == true;

    private void Finish(StoredObject owner)
    {
        var dependents = client.Context.Store.Dependents(owner.Uid);
        foreach (var dependent in dependents.Where(d => !d.IsDeleting))
        {
            if (client.Context.Registry.StorageType(dependent.Resource) is { } dependentType)
            {
                client.Delete(dependentType, dependent.Namespace, dependent.Name);
            }
        }

        if (client.Context.Store.Dependents(owner.Uid).Count > 0 || client.Context.Registry.StorageType(owner.Resource) is not { } type)
        {
            return;
        }

        var updated = owner.Clone();
        if (updated.Obj("metadata")?["finalizers"] is JsonArray finalizers)
        {
            foreach (var entry in finalizers.Where(f => f?.GetValue<string>() == Registry.DeleteOperations.ForegroundFinalizer).ToList())
            {
                finalizers.Remove(entry);
            }
        }

        client.Update(type, updated, "kube-controller-manager");
    }

    private bool OwnerExists(string uid) => client.Context.Store.GetByUid(uid) is not null;

    private void Finalize(string name)
    {
        var namespaces = client.Type(string.Empty, "namespaces");
        if (client.Get(namespaces, string.Empty, name) is not { IsDeleting: true })
        {
            return;
        }

        foreach (var resource in client.Context.Store.ResourcesIn(name))
        {
            foreach (var item in client.Context.Store.List(resource, name))
            {
                client.Remove(resource, name, item.Name);
            }
        }

        client.Remove(new GroupResource(string.Empty, "namespaces"), string.Empty, name);
    }
}
