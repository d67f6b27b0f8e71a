using Dashboard.Sandbox.Kubernetes.Cluster;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Registry;
using Dashboard.Sandbox.Kubernetes.Storage;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.Kubernetes.Controllers;

/// <summary>Wires the simulated controllers to the store: which change wakes which controller.</summary>
internal sealed class ClusterControllers : IAsyncDisposable
{
    private readonly ClusterContext _context;

    public ClusterControllers(ClusterContext context, ApiOperations operations, DeleteOperations deletes, ILogger logger)
    {
        _context = context;
        Loop = new ControllerLoop(context.Time, logger);
        Client = new ControllerClient(operations, deletes);
        Events = new EventRecorder(operations);
        Deployments = new DeploymentController(Client, Events);
        ReplicaSets = new ReplicaSetController(Client, Events);
        Pods = new PodLifecycle(Client, Events, Loop);
        Namespaces = new NamespaceController(Client, Loop);
        LoadBalancers = new LoadBalancerController(Client);
        AlbIngresses = new AlbIngressController(Client);
        Loop.Handlers.Add(Dispatch);
    }

    public ControllerLoop Loop { get; }

    public ControllerClient Client { get; }

    public EventRecorder Events { get; }

    public DeploymentController Deployments { get; }

    public ReplicaSetController ReplicaSets { get; }

    public PodLifecycle Pods { get; }

    public NamespaceController Namespaces { get; }

    public LoadBalancerController LoadBalancers { get; }

    public AlbIngressController AlbIngresses { get; }

    public void Start()
    {
        _context.Store.Committed += Loop.OnCommitted;
        Loop.Start();
    }

    public ValueTask DisposeAsync()
    {
        _context.Store.Committed -= Loop.OnCommitted;
        return Loop.DisposeAsync();
    }

    private void Dispatch(StoreChange change)
    {
        var obj = change.Object;
        Namespaces.OnDeleted(change);
        Namespaces.OnForeground(change);
        switch (obj.Resource.Group, obj.Resource.Resource)
        {
            case ("apps", "deployments"):
                Deployments.Reconcile(obj.Namespace, obj.Name);
                break;
            case ("apps", "replicasets"):
                ReplicaSets.Reconcile(obj.Namespace, obj.Name);
                ReconcileOwner(obj, "Deployment", Deployments.Reconcile);
                break;
            case ("", "pods"):
                Pods.OnPod(change);
                ReconcileOwner(obj, "ReplicaSet", ReplicaSets.Reconcile);
                break;
            case ("", "namespaces"):
                Namespaces.OnNamespace(change);
                break;
            case ("", "services"):
                LoadBalancers.OnService(change);
                break;
            case ("networking.k8s.io", "ingresses"):
                AlbIngresses.OnIngress(change);
                break;
        }
    }

    private static void ReconcileOwner(StoredObject obj, string kind, Action<string, string> reconcile)
    {
        foreach (var owner in obj.Object.Arr("metadata", "ownerReferences").Objects().Where(o => o.Str("kind") == kind))
        {
            reconcile(obj.Namespace, owner.Str("name")!);
        }
    }
}
