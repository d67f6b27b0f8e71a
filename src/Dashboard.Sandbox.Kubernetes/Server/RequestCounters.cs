namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>Thread-safe counts of the requests served, per Kubernetes verb.</summary>
internal sealed class RequestCounters
{
    private long _get;
    private long _list;
    private long _watch;
    private long _create;
    private long _update;
    private long _patch;
    private long _delete;
    private long _deleteCollection;
    private long _discovery;
    private long _unauthorized;

    public void Count(string verb)
    {
        switch (verb)
        {
            case "get": Interlocked.Increment(ref _get); break;
            case "list": Interlocked.Increment(ref _list); break;
            case "watch": Interlocked.Increment(ref _watch); break;
            case "create": Interlocked.Increment(ref _create); break;
            case "update": Interlocked.Increment(ref _update); break;
            case "patch": Interlocked.Increment(ref _patch); break;
            case "delete": Interlocked.Increment(ref _delete); break;
            case "deletecollection": Interlocked.Increment(ref _deleteCollection); break;
            case "unauthorized": Interlocked.Increment(ref _unauthorized); break;
            default: Interlocked.Increment(ref _discovery); break;
        }
    }

    public KubernetesRequestCounts Snapshot() => new(
        Interlocked.Read(ref _get), Interlocked.Read(ref _list), Interlocked.Read(ref _watch), Interlocked.Read(ref _create),
        Interlocked.Read(ref _update), Interlocked.Read(ref _patch), Interlocked.Read(ref _delete), Interlocked.Read(ref _deleteCollection),
        Interlocked.Read(ref _discovery), Interlocked.Read(ref _unauthorized));
}
