namespace Dashboard.Core.Targets;

/// <summary>
/// Counts the Kubernetes and IKS requests sent while a scope is active (a setup step), so every step can report
/// what it cost. The counters flow with the async context; requests outside a scope are not counted.
/// </summary>
public sealed class RequestTally
{
    private static readonly AsyncLocal<RequestTally?> s_current = new();
    private int _kubernetes;
    private int _kubernetesWrites;
    private int _iks;

    /// <summary>Kubernetes API requests.</summary>
    public int Kubernetes => Volatile.Read(ref _kubernetes);

    /// <summary>Kubernetes API write requests (POST, PUT, PATCH, DELETE).</summary>
    public int KubernetesWrites => Volatile.Read(ref _kubernetesWrites);

    /// <summary>IKS and IAM requests.</summary>
    public int Iks => Volatile.Read(ref _iks);

    internal static RequestTally? Current => s_current.Value;

    /// <summary>Starts counting into a new tally until the returned scope is disposed.</summary>
    public static (RequestTally Tally, IDisposable Scope) Begin()
    {
        var previous = s_current.Value;
        var tally = new RequestTally();
        s_current.Value = tally;
        return (tally, new Restore(previous));
    }

    internal void CountKubernetes(HttpMethod method)
    {
        Interlocked.Increment(ref _kubernetes);
        if (method != HttpMethod.Get && method != HttpMethod.Head)
        {
            Interlocked.Increment(ref _kubernetesWrites);
        }
    }

    internal void CountIks() => Interlocked.Increment(ref _iks);

    private sealed class Restore(RequestTally? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}

/// <summary>Counts each request into the current <see cref="RequestTally"/>.</summary>
internal sealed class CountingHandler(bool kubernetes) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (RequestTally.Current is { } tally)
        {
            if (kubernetes)
            {
                tally.CountKubernetes(request.Method);
            }
            else
            {
                tally.CountIks();
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
