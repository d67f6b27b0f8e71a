namespace Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;

/// <summary>Conformance test classes share one cluster (the simulator, or the one DASHBOARD_CONFORMANCE_KUBECONFIG names).</summary>
[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "conformance";
}
