using System.Net;
using Dashboard.Sandbox.Clock;
using Dashboard.Sandbox.DataPlane;
using Dashboard.Sandbox.Iks;
using Dashboard.Sandbox.Kubernetes;

namespace Dashboard.Sandbox;

/// <summary>What <c>GET /api/sandbox</c> shows: how to reach every part of the sandbox. No key material.</summary>
/// <param name="KubeconfigPath">The kubeconfig (<c>kubectl --kubeconfig &lt;path&gt; get pods -n istio-system</c>).</param>
/// <param name="Kubernetes"><c>simulator</c> or <c>external</c>.</param>
/// <param name="Flavour">The simulated cluster's flavour (null for an external cluster).</param>
/// <param name="IksBaseUrl">The IKS simulator's API base URL.</param>
/// <param name="IamTokenUrl">The IAM token URL.</param>
/// <param name="IksCluster">The IKS cluster bound to the Kubernetes API.</param>
/// <param name="ApiKey">The sandbox API key when it is the well-known public one (<c>sandbox-api-key</c>); otherwise null.</param>
/// <param name="ApiKeyOwner">Whose key it is.</param>
/// <param name="Account">The account it belongs to.</param>
/// <param name="ClockOffset">How far the sandbox clock is ahead of real time.</param>
/// <param name="SandboxTime">The sandbox's current time.</param>
/// <param name="DataPlane">The data plane's listeners, host map (with curl hints) and what it serves.</param>
public sealed record SandboxDescription(
    string KubeconfigPath,
    string Kubernetes,
    string? Flavour,
    Uri IksBaseUrl,
    Uri IamTokenUrl,
    string IksCluster,
    string? ApiKey,
    string ApiKeyOwner,
    SandboxIksAccountInfo Account,
    TimeSpan ClockOffset,
    DateTimeOffset SandboxTime,
    DataPlaneDescription DataPlane);

/// <summary>
/// The running sandbox as the dashboard uses it: the kubeconfig, the IKS simulator's URLs and key, the sandbox root,
/// the clock and the data plane's host map. Valid once <see cref="Ready"/> completes.
/// </summary>
public sealed class SandboxEnvironment(SandboxClock clock, SandboxIksSimulator iks, SandboxDataPlane dataPlane, SandboxKubernetesServer? kubernetes, string? externalKubeconfig)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The IKS cluster the sandbox Kubernetes API stands for.</summary>
    public const string IksCluster = SandboxIksDefaults.ClusterName;

    /// <summary>Completes once every part is started (faults if starting failed).</summary>
    public Task Ready => _ready.Task;

    /// <summary>The sandbox clock (also the simulators' and the data plane's TimeProvider).</summary>
    public SandboxClock Clock => clock;

    /// <summary>The IKS simulator.</summary>
    public SandboxIksSimulator Iks => iks;

    /// <summary>The data plane.</summary>
    public SandboxDataPlane DataPlane => dataPlane;

    /// <summary>The Kubernetes API simulator, or null when a real cluster is used.</summary>
    public SandboxKubernetesServer? Kubernetes => kubernetes;

    /// <summary>The kubeconfig of the sandbox's Kubernetes API.</summary>
    public string KubeconfigPath => externalKubeconfig ?? kubernetes?.KubeconfigPath ?? throw new InvalidOperationException("No sandbox Kubernetes API is configured.");

    /// <summary>The sandbox root ("Sandbox ISRG Root X1") the dashboard trusts for the sandbox target.</summary>
    public string RootCertificatePem => iks.RootCertificatePem;

    /// <summary>Where a public host name really listens (the data plane's map).</summary>
    public IPEndPoint? Resolve(string host, int port) => dataPlane.EndpointMap.Resolve(host, port);

    /// <summary>The sandbox API key (the well-known one unless accounts are configured).</summary>
    public string ApiKey => iks.ApiKey;

    /// <summary>The description for <c>GET /api/sandbox</c>; the API key only when it is the well-known sandbox key.</summary>
    public SandboxDescription Describe()
    {
        var account = iks.Account;
        return new SandboxDescription(
            KubeconfigPath, kubernetes is null ? "external" : "simulator", kubernetes?.Flavour.ToString(), iks.BaseAddress, iks.IamTokenUrl, IksCluster,
            iks.ApiKey == SandboxIksDefaults.ApiKey ? iks.ApiKey : null, account.Owner, account, clock.Offset, clock.GetUtcNow(), dataPlane.Describe());
    }

    internal void MarkReady() => _ready.TrySetResult();

    internal void MarkFailed(Exception exception) => _ready.TrySetException(exception);
}
