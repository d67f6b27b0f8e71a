using Dashboard.Sandbox.DataPlane;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Sandbox;

/// <summary>
/// Starts the sandbox in the order its parts depend on each other: the Kubernetes API (unless a real cluster is
/// used), then the IKS simulator bound to its kubeconfig (it writes certificate secrets there), then the data plane
/// (it watches that cluster); stops them in reverse.
/// </summary>
public sealed class SandboxHostedService(SandboxEnvironment sandbox, IOptions<SandboxDataPlaneOptions> dataPlaneOptions, ILogger<SandboxHostedService> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (sandbox.Kubernetes is { } kubernetes)
            {
                await kubernetes.StartAsync(cancellationToken);
            }

            var kubeconfig = sandbox.KubeconfigPath;
            await sandbox.Iks.BindKubeconfigAsync(kubeconfig, cancellationToken);
            await sandbox.Iks.StartAsync(cancellationToken);

            // The simulator's start-up pass runs before its timer exists, so work due later (a certificate still
            // 'creating' from before a restart) would never be scheduled; a second pass arms the timer for it.
            await sandbox.Iks.RunLifecycleAsync(cancellationToken);

            // IKS makes the ALB's default certificate the cluster's Ingress subdomain certificate; the data plane's ALB
            // imitates that when no default is configured. Its options object is the one the data plane reads at every rebuild.
            var cluster = sandbox.Iks.Clusters.FirstOrDefault(c => c.Name == SandboxEnvironment.IksCluster);
            if (string.IsNullOrEmpty(dataPlaneOptions.Value.DefaultCertificateSecretName) && cluster is { IngressSubdomain.Length: > 0 })
            {
                dataPlaneOptions.Value.DefaultCertificateSecretName = cluster.IngressSubdomain[..cluster.IngressSubdomain.IndexOf('.', StringComparison.Ordinal)];
                dataPlaneOptions.Value.DefaultCertificateSecretNamespace = "default";
            }

            await sandbox.DataPlane.StartAsync(kubeconfig, cancellationToken);
            sandbox.MarkReady();
            SandboxLog.Ready(
                logger, kubeconfig, sandbox.Iks.BaseAddress, SandboxEnvironment.IksCluster, sandbox.DataPlane.GatewayEndpoint, sandbox.DataPlane.AlbEndpoint);
        }
        catch (Exception e)
        {
            sandbox.MarkFailed(e);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await sandbox.DataPlane.StopAsync(cancellationToken);
        await sandbox.Iks.StopAsync(cancellationToken);
        if (sandbox.Kubernetes is { } kubernetes)
        {
            await kubernetes.StopAsync(cancellationToken);
        }
    }
}
