using Dashboard.Sandbox.DataPlane.Watching;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.DataPlane.Gateway;

/// <summary>
/// The gateway's pods as one Envoy: a new generation starts whenever a pod this generation has not seen becomes
/// Ready (a restart, e.g. <c>kubectl delete pod -l istio=ingressgateway</c>). A new generation forgets the SDS
/// secrets Envoy held and re-reads the file-mounted secrets as the kubelet mounts them at pod start.
/// </summary>
internal sealed class GatewayWorkload(SandboxDataPlaneOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>The directories the istio-ingressgateway chart mounts, and the secrets behind them (mounted <c>optional: true</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> Mounts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/etc/istio/ingressgateway-certs"] = "istio-ingressgateway-certs",
        ["/etc/istio/ingressgateway-ca-certs"] = "istio-ingressgateway-ca-certs",
    };

    private readonly Dictionary<string, string> _selector = Labels.ParseSelector(options.GatewayPodSelector);
    private HashSet<string> _readyPods = new(StringComparer.Ordinal);
    private Dictionary<string, IDictionary<string, byte[]>?> _mounted = new(StringComparer.Ordinal);

    /// <summary>Raised when a new generation starts (Envoy forgets what it held).</summary>
    public event Action? Restarted;

    /// <summary>How many generations have started (0 until a pod is first Ready).</summary>
    public int Generation { get; private set; }

    /// <summary>When the current generation started, in sandbox time.</summary>
    public DateTimeOffset? GenerationStartedAt { get; private set; }

    /// <summary>Whether a gateway pod is Ready.</summary>
    public bool Ready => _readyPods.Count > 0;

    /// <summary>The labels of the gateway workload, which a Gateway's selector must match.</summary>
    public IDictionary<string, string> WorkloadLabels { get; private set; } = new Dictionary<string, string>();

    /// <summary>Tracks the pods; starts a generation when a new pod became Ready. Call from one thread.</summary>
    public void Observe(ClusterSnapshot snapshot)
    {
        var pods = snapshot.PodsMatching(options.GatewayNamespace, _selector).ToList();
        var ready = pods.Where(Labels.IsReady).ToList();
        WorkloadLabels = (ready.FirstOrDefault() ?? pods.FirstOrDefault())?.Metadata.Labels ?? new Dictionary<string, string>();
        var uids = ready.Select(p => p.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        var started = uids.Where(uid => !_readyPods.Contains(uid)).ToList();
        _readyPods = uids;
        if (started.Count == 0)
        {
            return;
        }

        Generation++;
        GenerationStartedAt = time.GetUtcNow();
        _mounted = Mounts.Values.ToDictionary(
            name => name,
            name => snapshot.Secret(options.GatewayNamespace, name)?.Data is { } data ? new Dictionary<string, byte[]>(data) : (IDictionary<string, byte[]>?)null,
            StringComparer.Ordinal);
        DataPlaneLog.GatewayGeneration(
            logger,
            Generation, string.Join(",", ready.Where(p => started.Contains(p.Metadata.Uid)).Select(p => p.Metadata.Name)),
            string.Join(",", _mounted.Where(m => m.Value is not null).Select(m => $"{m.Key}@{snapshot.Secret(options.GatewayNamespace, m.Key)?.Metadata.ResourceVersion}")));
        Restarted?.Invoke();
    }

    /// <summary>The file at <paramref name="path"/> as the gateway pod sees it: the secret data as of pod start (Legacy) or now (Current, the agent watches the files).</summary>
    public byte[]? ReadFile(string path, ClusterSnapshot snapshot, bool live, out string? error)
    {
        var slash = path.LastIndexOf('/');
        var directory = slash > 0 ? path[..slash] : "";
        var key = path[(slash + 1)..];
        error = null;
        if (!Mounts.TryGetValue(directory, out var secretName))
        {
            error = $"{path}: no such file or directory (only {string.Join(" and ", Mounts.Keys)} are mounted)";
            return null;
        }

        var data = live ? snapshot.Secret(options.GatewayNamespace, secretName)?.Data : _mounted.GetValueOrDefault(secretName);
        if (data is null || !data.TryGetValue(key, out var bytes))
        {
            error = data is null
                ? $"{path}: no such file or directory (secret {options.GatewayNamespace}/{secretName} was not there when the gateway pod started)"
                : $"{path}: no such file or directory (secret {options.GatewayNamespace}/{secretName} has no key \"{key}\")";
            if (!live && data is null && snapshot.Secret(options.GatewayNamespace, secretName) is not null)
            {
                error += "; it exists now: restart the gateway pods to mount it";
            }

            return null;
        }

        return bytes;
    }

    /// <summary>Whether a mounted secret changed since this generation read it (what a forgotten restart leaves behind).</summary>
    public IReadOnlyList<string> StaleMounts(ClusterSnapshot snapshot) =>
        [.. _mounted.Where(m => !SameData(m.Value, snapshot.Secret(options.GatewayNamespace, m.Key)?.Data)).Select(m => m.Key)];

    private static bool SameData(IDictionary<string, byte[]>? mounted, IDictionary<string, byte[]>? now) =>
        (mounted is null && now is null)
        || (mounted is not null && now is not null && mounted.Count == now.Count
            && mounted.All(pair => now.TryGetValue(pair.Key, out var value) && value.AsSpan().SequenceEqual(pair.Value)));
}
