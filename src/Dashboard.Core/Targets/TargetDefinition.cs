using System.Net;
using System.Text;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Targets;

/// <summary>A cluster the dashboard manages, as every page and the API show it. Never holds the API key.</summary>
/// <param name="Id">The stable id used in URLs: the target's name (a DNS label).</param>
/// <param name="Name">The display name (same as <paramref name="Id"/>).</param>
/// <param name="KubeconfigPath">The kubeconfig file; null with <paramref name="InCluster"/>.</param>
/// <param name="KubeContext">The kubeconfig context; null for its current context.</param>
/// <param name="InCluster">Use the pod's service account instead of a kubeconfig.</param>
/// <param name="IksClusterName">The IKS cluster name or id.</param>
/// <param name="HasApiKey">Whether an IBM Cloud API key is set (the key itself is never shown).</param>
/// <param name="Source">Where the target is defined: the store, configuration or the sandbox.</param>
public sealed record TargetDefinition(
    string Id,
    string Name,
    string? KubeconfigPath,
    string? KubeContext,
    bool InCluster,
    string? IksClusterName,
    bool HasApiKey,
    TargetSource Source);

/// <summary>
/// How to reach a target's APIs beyond its definition: the API key, and for the sandbox the simulator's IKS/IAM URLs,
/// the sandbox root, the sandbox clock and the data plane's host map. Printing it never shows the key.
/// </summary>
public sealed record TargetConnectionSettings
{
    /// <summary>The IBM Cloud API key, when set. Handle as a secret.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The IKS API base URL (with <c>/global</c>); null for <c>Ibm:ApiBaseUrl</c>.</summary>
    public Uri? IksApiBaseUrl { get; init; }

    /// <summary>The IAM token URL; null for <c>Ibm:IamTokenUrl</c>.</summary>
    public Uri? IamTokenUrl { get; init; }

    /// <summary>Roots trusted besides ISRG Root X1/X2 (the sandbox's root), as PEM.</summary>
    public string? ExtraTrustedRootsPem { get; init; }

    /// <summary>
    /// The clock certificates issued for this target are judged by. The sandbox's clock can jump ahead, and the
    /// certificates its CA issues after a jump are valid only in sandbox time, so validation and probes of the
    /// sandbox target use it; every other target uses the system clock.
    /// </summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Where a public host name and port really listen (the sandbox data plane's map); null resolves through DNS.</summary>
    public Func<string, int, IPEndPoint?>? ResolveEndpoint { get; init; }

    /// <summary>Completes when the target can be used (the sandbox: once its parts have started); null when always.</summary>
    public Func<CancellationToken, Task>? WaitUntilReady { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ApiKey = ").Append(ApiKey is null ? "null" : "(set)")
            .Append(", IksApiBaseUrl = ").Append(IksApiBaseUrl)
            .Append(", IamTokenUrl = ").Append(IamTokenUrl)
            .Append(", ExtraTrustedRootsPem = ").Append(ExtraTrustedRootsPem is null ? "null" : "(set)")
            .Append(", Clock = ").Append(Clock?.GetType().Name ?? "system")
            .Append(", ResolveEndpoint = ").Append(ResolveEndpoint is null ? "DNS" : "map");
        return true;
    }
}

/// <summary>A target with what it takes to connect to it.</summary>
/// <param name="Definition">The target.</param>
/// <param name="Connection">How to reach its APIs.</param>
public sealed record ResolvedTarget(TargetDefinition Definition, TargetConnectionSettings Connection);

/// <summary>Targets defined outside the store (configuration, the sandbox), read at every call.</summary>
public interface ITargetSource
{
    /// <summary>The targets this source defines.</summary>
    IReadOnlyList<ResolvedTarget> Targets { get; }
}
