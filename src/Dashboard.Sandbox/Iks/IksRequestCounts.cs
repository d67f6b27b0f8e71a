using System.Collections.Concurrent;

namespace Dashboard.Sandbox.Iks;

/// <summary>Requests the simulator has answered, per endpoint (e.g. <c>v2.getCluster</c>, <c>iam.token</c>).</summary>
/// <param name="ByEndpoint">Count per endpoint name.</param>
public sealed record IksRequestCounts(IReadOnlyDictionary<string, long> ByEndpoint)
{
    /// <summary>All requests.</summary>
    public long Total => ByEndpoint.Values.Sum();

    /// <summary>IAM token requests.</summary>
    public long Iam => ByEndpoint.GetValueOrDefault(SandboxIksFaultInjector.IamEndpoint);

    /// <summary>IKS API requests (everything but IAM and the sandbox's own endpoints).</summary>
    public long Iks => ByEndpoint.Where(e => e.Key != SandboxIksFaultInjector.IamEndpoint && !e.Key.StartsWith("sandbox.", StringComparison.Ordinal)).Sum(e => e.Value);

    /// <summary>The count for one endpoint (0 when never called).</summary>
    public long this[string endpoint] => ByEndpoint.GetValueOrDefault(endpoint);

    /// <summary>What happened between <paramref name="earlier"/> and this snapshot.</summary>
    public IksRequestCounts Since(IksRequestCounts earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(ByEndpoint.ToDictionary(e => e.Key, e => e.Value - earlier[e.Key]).Where(e => e.Value != 0).ToDictionary());
    }
}

/// <summary>The live counters behind <see cref="IksRequestCounts"/>.</summary>
internal sealed class IksRequestCounters
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Count(string endpoint) => _counts.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    public IksRequestCounts Snapshot() => new(_counts.ToDictionary(StringComparer.Ordinal));
}
