using System.Diagnostics;
using System.Globalization;
using Dashboard.Sandbox.Kubernetes;
using k8s;
using k8s.Models;

namespace Dashboard.Bench;

/// <summary>Issue 4: create, get and delete 10,000 secrets through KubernetesClient while 50 watches are open.</summary>
internal sealed class KubernetesApiBenchmark : IBenchmark
{
    private const int Secrets = 10_000;
    private const int Watches = 50;
    private const int Concurrency = 16;

    public string Name => "kubernetes-api";

    public string Budget => $"{Secrets:N0} secrets created, read and deleted with {Watches} watches open: < 10 s, < 300 MB RSS";

    public async Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("bench-k8s-").FullName;
        try
        {
            await using var server = new SandboxKubernetesServer(new SandboxKubernetesOptions { DataDirectory = directory });
            await server.StartAsync(cancellationToken);
            // Writers and watchers use separate clients (as a service with a watch loop and a request path would), so
            // request/response traffic does not queue behind watch streams on one shared HTTP/2 connection.
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
            using var watchClient = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
            const string ns = "bench";
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);

            using var stopWatches = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var counts = new long[Watches];
            var watchTasks = Enumerable.Range(0, Watches).Select(i => Task.Run(async () =>
            {
                try
                {
                    await foreach (var _ in watchClient.CoreV1.WatchListNamespacedSecretAsync(ns, cancellationToken: stopWatches.Token))
                    {
                        Interlocked.Increment(ref counts[i]);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
                {
                    // Watches end when the benchmark stops them.
                }
            }, CancellationToken.None)).ToList();
            while (server.Requests.Watch < Watches)
            {
                await Task.Delay(10, cancellationToken);
            }

            GC.Collect();
            var clock = Stopwatch.StartNew();
            await ForAllAsync(i => client.CoreV1.CreateNamespacedSecretAsync(Secret(i), ns, cancellationToken: cancellationToken), cancellationToken);
            var created = clock.Elapsed;
            await ForAllAsync(i => client.CoreV1.ReadNamespacedSecretAsync(SecretName(i), ns, cancellationToken: cancellationToken), cancellationToken);
            var read = clock.Elapsed;
            await ForAllAsync(i => client.CoreV1.DeleteNamespacedSecretAsync(SecretName(i), ns, cancellationToken: cancellationToken), cancellationToken);
            var deleted = clock.Elapsed;

            var expected = 2L * Secrets;
            var deadline = Stopwatch.StartNew();
            while (counts.Any(c => Interlocked.Read(ref c) < expected) && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(10, cancellationToken);
            }

            var delivered = clock.Elapsed;
            var rssMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            await stopWatches.CancelAsync();
            await Task.WhenAll(watchTasks);
            var complete = counts.All(c => c >= expected);
            var total = delivered.TotalSeconds;
            return new BenchmarkResult(
                total < 10 && rssMb < 300 && complete,
                [
                    Figure($"create {Secrets:N0}: {created.TotalSeconds:F2} s; get: {(read - created).TotalSeconds:F2} s; delete: {(deleted - read).TotalSeconds:F2} s"),
                    Figure($"all {Watches} watches saw every event ({expected:N0} each): {(complete ? "yes" : "NO, min " + counts.Min())} after {total:F2} s total"),
                    Figure($"requests served: {server.Requests.Writes:N0} writes, {server.Requests.Get:N0} gets"),
                    Figure($"peak RSS (client and server in one process): {rssMb:F0} MB"),
                ]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task ForAllAsync(Func<int, Task> operation, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, Secrets), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (i, _) => await operation(i));

    private static string SecretName(int i) => "secret-" + i.ToString(CultureInfo.InvariantCulture);

    private static V1Secret Secret(int i) => new()
    {
        Metadata = new V1ObjectMeta { Name = SecretName(i), Labels = new Dictionary<string, string> { ["bench"] = "yes" } },
        Data = new Dictionary<string, byte[]> { ["value"] = System.Text.Encoding.UTF8.GetBytes("secret value " + i.ToString(CultureInfo.InvariantCulture)) },
    };

    private static string Figure(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
