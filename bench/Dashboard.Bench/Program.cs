using Dashboard.Bench;

// Each benchmark prints its figures against the budget its issue states and exits non-zero when over budget.
var benchmarks = BenchmarkCatalog.All;
var selected = args.Length == 0 ? benchmarks : benchmarks.Where(b => args.Contains(b.Name, StringComparer.OrdinalIgnoreCase)).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"Unknown benchmark. Available: {string.Join(", ", benchmarks.Select(b => b.Name))}");
    return 2;
}

var overBudget = 0;
foreach (var benchmark in selected)
{
    Console.WriteLine($"== {benchmark.Name}: {benchmark.Budget}");
    var result = await benchmark.RunAsync(CancellationToken.None);
    foreach (var line in result.Figures)
    {
        Console.WriteLine($"   {line}");
    }

    Console.WriteLine(result.WithinBudget ? "   within budget" : "   OVER BUDGET");
    overBudget += result.WithinBudget ? 0 : 1;
}

return overBudget == 0 ? 0 : 1;
