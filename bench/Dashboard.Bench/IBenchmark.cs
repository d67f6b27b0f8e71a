namespace Dashboard.Bench;

/// <summary>A benchmark with the budget its issue states.</summary>
internal interface IBenchmark
{
    string Name { get; }

    string Budget { get; }

    Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken);
}

internal sealed record BenchmarkResult(bool WithinBudget, IReadOnlyList<string> Figures);
