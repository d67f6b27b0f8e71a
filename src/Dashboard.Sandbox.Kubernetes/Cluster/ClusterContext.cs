using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Patching;
using Dashboard.Sandbox.Kubernetes.Storage;
using Dashboard.Sandbox.Kubernetes.Validation;
using Dashboard.Sandbox.Kubernetes.Watch;

namespace Dashboard.Sandbox.Kubernetes.Cluster;

/// <summary>The parts of the simulated API server every operation needs.</summary>
internal sealed class ClusterContext
{
    public ClusterContext(SandboxKubernetesOptions options, TimeProvider time, OpenApiSchemaSet schemas)
    {
        Options = options;
        Time = time;
        Schemas = schemas;
        TypedChecker = new TypedSchemaChecker(schemas);
        Store = new ObjectStore();
        Registry = new ResourceRegistry();
        Watches = new WatchHub(Store, options.WatchHistoryCapacity, options.WatchQueueCapacity);
    }

    public SandboxKubernetesOptions Options { get; }

    /// <summary>The cluster CA certificate (PEM), published in every namespace as ConfigMap <c>kube-root-ca.crt</c>.</summary>
    public string CaPem { get; init; } = string.Empty;

    public ClusterFlavour Flavour => Options.Flavour;

    public TimeProvider Time { get; }

    public OpenApiSchemaSet Schemas { get; }

    public TypedSchemaChecker TypedChecker { get; }

    public ObjectStore Store { get; }

    public ResourceRegistry Registry { get; }

    public WatchHub Watches { get; }

    public string Now() => ManagedFields.Timestamp(Time.GetUtcNow());

    /// <summary>The schema position of a type's root, for list semantics in patches and field ownership.</summary>
    public SchemaCursor SchemaFor(ResourceType type) =>
        type.Custom is { } custom ? new SchemaCursor(custom.Schema, null)
        : type.SchemaName is { } name ? new SchemaCursor(Schemas.Get(name), Schemas)
        : SchemaCursor.None;

    public ResourceType NamespaceType => Registry.Find(string.Empty, "v1", "namespaces")!;
}
