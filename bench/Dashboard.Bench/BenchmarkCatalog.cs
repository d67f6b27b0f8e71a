namespace Dashboard.Bench;

internal static class BenchmarkCatalog
{
    /// <summary>Every benchmark, in the order of the issues that asked for them.</summary>
    public static IReadOnlyList<IBenchmark> All { get; } =
    [
        new CertificateBenchmark(),
        new KubernetesApiBenchmark(typedWatches: false), new KubernetesApiBenchmark(typedWatches: true),
        new DataPlaneBenchmark(),
        new SetupBenchmark(),
    ];
}
