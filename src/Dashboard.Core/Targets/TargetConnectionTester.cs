using Dashboard.Core.Kubernetes;
using k8s;
using k8s.Autorest;

namespace Dashboard.Core.Targets;

/// <summary>One part of a connection test.</summary>
/// <param name="Name"><c>kubernetes</c>, <c>iks</c>, <c>istio</c> or <c>alb</c>.</param>
/// <param name="Ok">Whether it works.</param>
/// <param name="Detail">What was found, or what went wrong.</param>
/// <param name="Fix">What to do when it does not work.</param>
public sealed record ConnectionCheck(string Name, bool Ok, string Detail, string? Fix);

/// <summary>What works and what does not for a target.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Checks">The Kubernetes API, IKS, Istio and ALB checks.</param>
public sealed record ConnectionTestResult(string TargetId, IReadOnlyList<ConnectionCheck> Checks)
{
    /// <summary>True when every check passed.</summary>
    public bool Ok => Checks.All(c => c.Ok);
}

/// <summary>
/// Tests a target's connections: the API server's version, IKS's view of the cluster, and what runs in the cluster
/// (the Istio version and the ALB flavour, from <see cref="IClusterSoftwareChecks"/>; checked only when the API server answers).
/// </summary>
public sealed class TargetConnectionTester(ITargetClients clients, IEnumerable<IClusterSoftwareChecks> software)
{
    /// <summary>Runs both checks; null when the target does not exist.</summary>
    public async Task<ConnectionTestResult?> TestAsync(string targetId, CancellationToken cancellationToken)
    {
        TargetClients? target;
        try
        {
            target = await clients.GetAsync(targetId, cancellationToken);
        }
        catch (ClusterUnavailableException e)
        {
            return new ConnectionTestResult(targetId, [new ConnectionCheck("kubernetes", false, e.Message, "Check the kubeconfig path and context (kubectl --kubeconfig <path> get ns).")]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ConnectionTestResult(targetId, [new ConnectionCheck("kubernetes", false, $"The kubeconfig cannot be used: {e.GetType().Name}.", "Check the kubeconfig path and context (kubectl --kubeconfig <path> get ns).")]);
        }

        if (target is null)
        {
            return null;
        }

        var kubernetes = await KubernetesAsync(target, cancellationToken);
        var iks = await IksAsync(target, cancellationToken);
        return new ConnectionTestResult(targetId, kubernetes.Ok ? [kubernetes, iks, .. await SoftwareAsync(target, cancellationToken)] : [kubernetes, iks]);
    }

    private static async Task<ConnectionCheck> KubernetesAsync(TargetClients target, CancellationToken cancellationToken)
    {
        try
        {
            var version = await target.Kubernetes.Version.GetCodeAsync(cancellationToken);
            return new ConnectionCheck("kubernetes", true, $"Kubernetes {version.GitVersion} answers at {target.Kubernetes.BaseUri}.", null);
        }
        catch (HttpOperationException e)
        {
            return new ConnectionCheck("kubernetes", false, $"The API server at {target.Kubernetes.BaseUri} answered HTTP {(int)e.Response.StatusCode}.",
                (int)e.Response.StatusCode is 401 or 403 ? "The kubeconfig's credentials were refused: refresh them (e.g. ibmcloud ks cluster config) and try again." : "Check the cluster's health.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ConnectionCheck("kubernetes", false, $"The API server at {target.Kubernetes.BaseUri} cannot be reached ({e.GetType().Name}: {e.Message}).",
                "Check the network path to the API server and that the kubeconfig's server URL is right.");
        }
    }

    private async Task<IReadOnlyList<ConnectionCheck>> SoftwareAsync(TargetClients target, CancellationToken cancellationToken)
    {
        var checks = new List<ConnectionCheck>();
        foreach (var source in software)
        {
            checks.AddRange(await source.CheckAsync(target, cancellationToken));
        }

        return checks;
    }

    private static async Task<ConnectionCheck> IksAsync(TargetClients target, CancellationToken cancellationToken)
    {
        if (target.IksCluster is null)
        {
            return new ConnectionCheck("iks", false, "No IKS cluster name is set.", "Set the target's IKS cluster name (ibmcloud ks cluster ls shows it).");
        }

        if (target.Iks is null || target.Credential is null)
        {
            return new ConnectionCheck("iks", false, "No IBM Cloud API key is set.", "Set the target's API key (ibmcloud iam api-key-create).");
        }

        var cluster = await target.Iks.GetClusterAsync(target.Credential, target.IksCluster, cancellationToken);
        return cluster.IsSuccess
            ? new ConnectionCheck("iks", true, $"IKS cluster {cluster.Value.Name} ({cluster.Value.Provider}, {cluster.Value.Region}, state {cluster.Value.State}); Ingress subdomain {cluster.Value.IngressHostname ?? "(not yet assigned)"}.", null)
            : new ConnectionCheck("iks", false, cluster.Error.Message, cluster.Error.Remedy);
    }
}
