using System.Net;
using Dashboard.Core.Probes;
using Dashboard.Sandbox.DataPlane;
using Dashboard.Sandbox.Iks;
using Dashboard.Sandbox.Tests.Iks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Sandbox.Tests.DataPlane;

/// <summary>The data plane with the real IKS simulator: its DNS, and the Ingress certificate it issues into the bound cluster.</summary>
public sealed class IksSimulatorIntegrationTests
{
    [Fact]
    public async Task Alb_IngressSubdomainFromTheIksSimulator_ServesItsIssuedCertificateAndTheDefaultBackend()
    {
        await using var sandbox = await IksSandbox.StartAsync();
        var ingress = sandbox.Simulator.Clusters.Single(c => c.Name == SandboxIksDefaults.ClusterName).IngressSubdomain;
        var secretName = ingress.Split('.')[0];
        await using var plane = new SandboxDataPlane(new SandboxDataPlaneOptions { DefaultCertificateSecretName = secretName }, dns: sandbox.Simulator.Dns);
        await plane.StartAsync(sandbox.KubernetesServer.KubeconfigPath, CancellationToken.None);
        var host = "httpbin." + ingress;
        var probe = new MtlsProbe(TimeProvider.System, NullLogger<MtlsProbe>.Instance);

        var result = await probe.ProbeAsync(new ProbeRequest(new Uri($"https://{host}/status/418"))
        {
            TrustedCaBundlePem = sandbox.Simulator.RootCertificatePem,
            EndpointOverrides = new Dictionary<string, EndPoint> { [host] = plane.EndpointMap.Resolve(host, 443)! },
            ExpectedStatusCode = 404,
        });

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(sandbox.Simulator.Registry.CertificateOf(SandboxIksDefaults.ClusterId, ingress)!.Serial, result.ServerCertificateChain[0].SerialNumber);
        Assert.Contains(plane.Describe().Hosts, h => h.Host == "*." + ingress && h.Listener == "alb");
    }
}
