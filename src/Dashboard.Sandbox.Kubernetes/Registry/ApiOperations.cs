using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Cluster;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Patching;

namespace Dashboard.Sandbox.Kubernetes.Registry;

/// <summary>Create and update with the API server's semantics: defaulting, admission, validation, optimistic concurrency.</summary>
internal sealed class ApiOperations(ClusterContext context)
{
    private static readonly string[] s_systemFields = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"];

    private readonly ObjectChecks _checks = new(context);

    public ClusterContext Context => context;

    public WriteResult Create(ResourceType type, string? ns, JsonObject body, WriteOptions options)
    {
        var warnings = new List<string>();
        ObjectChecks.TypeMeta(type, body);
        var metadata = body.Metadata();
        ApplyNamespace(type, ns, metadata);
        var report = _checks.Decode(type, body, options.FieldValidation, warnings);
        body["apiVersion"] = type.StorageApiVersion;

        if (string.IsNullOrEmpty(metadata.Str("name")) && metadata.Str("generateName") is { Length: > 0 } prefix)
        {
            metadata["name"] = prefix + KindDefaults.RandomSuffix();
        }

        if (!string.IsNullOrEmpty(metadata.Str("resourceVersion")))
        {
            throw ApiException.Internal("Internal error occurred: resourceVersion should not be set on objects to be created");
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = context.Now();
        metadata.Remove("deletionTimestamp");
        metadata.Remove("deletionGracePeriodSeconds");
        metadata.Remove("selfLink");
        if (ObjectChecks.HasGeneration(type))
        {
            metadata["generation"] = 1;
        }
        else
        {
            metadata.Remove("generation");
        }

        var name = metadata.Str("name") ?? string.Empty;
        var namespaceObject = type.Namespaced ? NamespaceAdmission(type, ns!, name) : null;
        KindDefaults.Apply(type.Kind, body, null);
        if (type.Kind == "Pod" && IstioSidecarInjector.Applies(body, namespaceObject))
        {
            IstioSidecarInjector.Inject(body, context.Flavour);
            KindDefaults.Apply(type.Kind, body, null);
        }

        if (type.Kind == "CustomResourceDefinition")
        {
            CrdRules.Default(body);
        }

        if (type.Kind == "Ingress")
        {
            DefaultIngressClass(body);
        }

        ObjectChecks.Validate(type, body, null, report);
        if (type.Kind == "CustomResourceDefinition")
        {
            CrdRules.SetEstablished(body, context.Now());
        }

        if (!options.ManagedFieldsSet)
        {
            body.Metadata().Remove("managedFields");
            ManagedFields.RecordUpdate(null, body, Manager(options), type.ApiVersion, options.Subresource, context.Time.GetUtcNow(), context.SchemaFor(type));
        }

        if (options.DryRun)
        {
            return new WriteResult(body, warnings, Created: true);
        }

        lock (context.Store.Gate)
        {
            if (context.Store.Get(type.GroupResource, ns ?? string.Empty, name) is not null)
            {
                throw ApiException.AlreadyExists(type.Group, type.Plural, name);
            }

            if (type.Namespaced)
            {
                NamespaceAdmission(type, ns!, name);
            }

            var stored = context.Store.Put(type.GroupResource, body);
            return new WriteResult(body, warnings, Created: true) { Stored = stored, IsStored = true };
        }
    }

    /// <summary>PUT semantics: conditional on the body's resourceVersion when set; unconditional updates retry on races.</summary>
    public WriteResult Update(ResourceType type, string? ns, string name, JsonObject body, WriteOptions options)
    {
        var unconditional = string.IsNullOrEmpty(body.Str("metadata", "resourceVersion"));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return UpdateOnce(type, ns, name, unconditional ? (JsonObject)body.DeepClone() : body, options);
            }
            catch (ApiException e) when (unconditional && e.Code == 409 && e.Reason == "Conflict" && attempt < 5)
            {
                // Another writer won the race; an unconditional update simply applies to the newer version.
            }
        }
    }

    private WriteResult UpdateOnce(ResourceType type, string? ns, string name, JsonObject body, WriteOptions options)
    {
        var warnings = new List<string>();
        ObjectChecks.TypeMeta(type, body);
        var metadata = body.Metadata();
        ApplyNamespace(type, ns, metadata);
        var bodyName = metadata.Str("name");
        if (bodyName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var report = _checks.Decode(type, body, options.FieldValidation, warnings);
        body["apiVersion"] = type.StorageApiVersion;
        var requested = metadata.Str("resourceVersion");

        var existing = context.Store.Get(type.GroupResource, ns ?? string.Empty, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
        if (!string.IsNullOrEmpty(requested) && requested != existing.ResourceVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw ApiException.ConflictOnModified(type.Group, type.Plural, name);
        }

        var updated = Merge(type, existing.Object, body, options.Subresource, takeStatus: options.System);
        KindDefaults.Apply(type.Kind, updated, existing.Object);
        if (type.Kind == "CustomResourceDefinition")
        {
            CrdRules.Default(updated);
            CrdRules.SetEstablished(updated, context.Now());
        }

        ObjectChecks.Validate(type, updated, options.System ? null : existing.Object, report);
        if (ObjectChecks.HasGeneration(type) && ObjectChecks.SpecChanged(existing.Object, updated))
        {
            updated.Metadata()["generation"] = (existing.Object.Int("metadata", "generation") ?? 1) + 1;
        }

        if (!options.ManagedFieldsSet)
        {
            ManagedFields.RecordUpdate(existing.Object, updated, Manager(options), type.ApiVersion, options.Subresource, context.Time.GetUtcNow(), context.SchemaFor(type));
        }

        updated.Metadata()["resourceVersion"] = existing.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        if (JsonNode.DeepEquals(updated, existing.Object) || options.DryRun)
        {
            return new WriteResult(options.DryRun ? updated : existing.Object, warnings, Created: false) { Stored = options.DryRun ? null : existing, IsStored = !options.DryRun };
        }

        lock (context.Store.Gate)
        {
            var current = context.Store.Get(type.GroupResource, ns ?? string.Empty, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
            if (current.ResourceVersion != existing.ResourceVersion)
            {
                throw ApiException.ConflictOnModified(type.Group, type.Plural, name);
            }

            if (updated.Str("metadata", "deletionTimestamp") is not null && updated.Arr("metadata", "finalizers") is not { Count: > 0 } && type.Kind != "Namespace")
            {
                var gone = context.Store.Remove(type.GroupResource, ns ?? string.Empty, name, updated)!;
                return new WriteResult(gone.Object, warnings, Created: false) { Stored = gone };
            }

            var stored = context.Store.Put(type.GroupResource, updated);
            return new WriteResult(updated, warnings, Created: false) { Stored = stored, IsStored = true };
        }
    }

    /// <summary>The object an update stores: system fields kept, and only the part the endpoint may change taken from the body.</summary>
    private static JsonObject Merge(ResourceType type, JsonObject existing, JsonObject body, string? subresource, bool takeStatus)
    {
        JsonObject updated;
        if (subresource == "status")
        {
            updated = (JsonObject)existing.DeepClone();
            SetOrRemove(updated, "status", body["status"]);
            return updated;
        }

        updated = body;
        if (type.HasStatus && !takeStatus)
        {
            SetOrRemove(updated, "status", existing["status"]);
        }

        var metadata = updated.Metadata();
        var old = existing.Obj("metadata")!;
        foreach (var field in s_systemFields)
        {
            metadata.Remove(field);
            if (old[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
        }

        if (metadata["managedFields"] is null && old["managedFields"] is { } managed)
        {
            metadata["managedFields"] = managed.DeepClone();
        }

        if (type.Kind == "Namespace")
        {
            SetOrRemove(updated, "spec", existing["spec"]);
        }

        return updated;
    }

    /// <summary>Copies a member, or leaves it out when the source has none (a <c>null</c> member would fail validation).</summary>
    private static void SetOrRemove(JsonObject target, string name, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(name);
        }
        else
        {
            target[name] = value.DeepClone();
        }
    }

    /// <summary>The DefaultIngressClass admission plugin: an Ingress without a class gets the one default IngressClass.</summary>
    private void DefaultIngressClass(JsonObject ingress)
    {
        if (ingress.Str("spec", "ingressClassName") is not null || ingress.Str("metadata", "annotations", "kubernetes.io/ingress.class") is not null)
        {
            return;
        }

        var defaults = context.Store.List(new GroupResource("networking.k8s.io", "ingressclasses"), null)
            .Where(c => c.Object.Str("metadata", "annotations", "ingressclass.kubernetes.io/is-default-class") == "true")
            .ToList();
        if (defaults.Count == 1)
        {
            ingress.Ensure("spec")["ingressClassName"] = defaults[0].Name;
        }
    }

    private static void ApplyNamespace(ResourceType type, string? ns, JsonObject metadata)
    {
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }

        var given = metadata.Str("namespace");
        if (!string.IsNullOrEmpty(given) && given != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        metadata["namespace"] = ns;
    }

    /// <summary>NamespaceLifecycle admission: the namespace must exist and not be terminating.</summary>
    private JsonObject NamespaceAdmission(ResourceType type, string ns, string name)
    {
        var nsObject = context.Store.Get(new GroupResource(string.Empty, "namespaces"), string.Empty, ns)
            ?? throw ApiException.NotFound(string.Empty, "namespaces", ns);
        if (nsObject.Object.Str("status", "phase") == "Terminating" || nsObject.IsDeleting)
        {
            throw new ApiException(403, "Forbidden", $"{ApiException.Qualified(type.Group, type.Plural)} {StatusCause.Quote(name)} is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                new StatusDetails(name, type.Group, type.Plural, null, [new StatusCause("NamespaceTerminating", $"namespace {ns} is being terminated", "metadata.namespace")]));
        }

        return nsObject.Object;
    }

    private static string Manager(WriteOptions options) => string.IsNullOrEmpty(options.FieldManager) ? "unknown" : options.FieldManager;
}
