using Microsoft.Extensions.Hosting;

namespace Dashboard.Sandbox.Kubernetes;

/// <summary>Starts the sandbox Kubernetes API server with the host and stops it (saving state) on shutdown.</summary>
internal sealed class SandboxKubernetesHostedService(SandboxKubernetesServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => server.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);
}
