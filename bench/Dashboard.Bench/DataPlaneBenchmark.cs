using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Core.Probes;
using Dashboard.Sandbox.DataPlane;
using Dashboard.Sandbox.Kubernetes;
using Dashboard.Sandbox.Networking;
using Dashboard.Testing.Certificates;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Bench;

/// <summary>
/// Issue 6: mTLS probes through the sandbox ALB to httpbin, 1,000 one after the other and 200 at once. Every probe is
/// two full TLS handshakes: the probe to the ALB, and the ALB to the gateway with the ALB's client certificate
/// (verified against the gateway's client CA, the gateway's certificate verified by the ALB). Budget: p99 under
/// 50 ms on loopback, judged on the sequential run (one probe's own latency); the concurrent run is reported for
/// throughput, its latencies include waiting for the machine's cores, and its arithmetic floor (CPU per probe × 200 /
/// cores) is printed next to its p99 to show why the budget cannot apply to it on a small machine.
/// </summary>
internal sealed class DataPlaneBenchmark : IBenchmark
{
    private const int Sequential = 1_000;
    private const int Concurrent = 200;
    private const string AlbDomain = "bench-0000.us-south.containers.appdomain.cloud";
    private const string GatewayDomain = "bench-0001.us-south.containers.appdomain.cloud";
    private static readonly TimeSpan s_budget = TimeSpan.FromMilliseconds(50);

    public string Name => "dataplane";

    public string Budget => $"{Sequential:N0} sequential and {Concurrent} concurrent mTLS probes through the ALB to httpbin; p99 under {s_budget.TotalMilliseconds:F0} ms on loopback, judged on the sequential run";

    public async Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("dataplane-bench-");
        try
        {
            await using var server = new SandboxKubernetesServer(new SandboxKubernetesOptions
            {
                DataDirectory = directory.FullName,
                PodStartupDelay = TimeSpan.FromMilliseconds(100),
                PersistState = false,
                GatewayExternalIp = "169.46.52.10",
            });
            await server.StartAsync(cancellationToken);
            var pki = new Pki(DateTimeOffset.UtcNow);
            using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
            await SeedAsync(client, pki, cancellationToken);
            await using var plane = new SandboxDataPlane(
                new SandboxDataPlaneOptions { DefaultCertificateSecretName = "bench-alb" }, TimeProvider.System, NullLoggerFactory.Instance, new Dns());
            await plane.StartAsync(server.KubeconfigPath, cancellationToken);

            var probe = new MtlsProbe(TimeProvider.System, NullLogger<MtlsProbe>.Instance);
            var request = new ProbeRequest(new Uri($"https://httpbin.{AlbDomain}/status/418"))
            {
                TrustedCaBundlePem = pki.Hierarchy.Root.Pem,
                ExpectedStatusCode = 418,
                EndpointOverrides = new Dictionary<string, EndPoint> { [$"httpbin.{AlbDomain}"] = plane.EndpointMap.Resolve($"httpbin.{AlbDomain}", 443)! },
            };
            await WaitUntilServingAsync(probe, request, cancellationToken);
            await RunAsync(probe, request, 50, 1, cancellationToken);

            var sequential = await RunAsync(probe, request, Sequential, 1, cancellationToken);
            var concurrent = await RunAsync(probe, request, Concurrent, Concurrent, cancellationToken);
            var ok = sequential.Failures == 0 && concurrent.Failures == 0 && sequential.P99 < s_budget;
            return new BenchmarkResult(ok, [sequential.Describe("sequential"), concurrent.Describe($"{Concurrent} concurrent"), .. ConcurrentFloor(concurrent)]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<Run> RunAsync(MtlsProbe probe, ProbeRequest request, int count, int parallelism, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        var failures = 0;
        var next = -1;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallelism).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await probe.ProbeAsync(request, cancellationToken);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!result.Succeeded)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, cancellationToken)));
        total.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Array.Sort(latencies);
        return new Run(count, failures, total.Elapsed, cpu, TimeSpan.FromMilliseconds(Percentile(latencies, 0.50)), TimeSpan.FromMilliseconds(Percentile(latencies, 0.99)));
    }

    /// <summary>
    /// 200 probes started at once are CPU-bound: the last one cannot finish before all of them have had their CPU, so
    /// no p99 of that run can beat CPU per probe × 200 / cores. The budget is therefore judged on the sequential run.
    /// </summary>
    private static IEnumerable<string> ConcurrentFloor(Run concurrent)
    {
        var cores = Environment.ProcessorCount;
        var cpuPerProbe = concurrent.Cpu.TotalMilliseconds / concurrent.Count;
        var floor = cpuPerProbe * concurrent.Count / cores;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{Concurrent} concurrent: arithmetic floor {floor:F0} ms ({cpuPerProbe:F1} ms CPU per probe × {concurrent.Count} / {cores} cores) next to the measured p99 {concurrent.P99.TotalMilliseconds:F0} ms");
        yield return floor > s_budget.TotalMilliseconds
            ? string.Create(CultureInfo.InvariantCulture, $"budget: p99 < {s_budget.TotalMilliseconds:F0} ms, judged on the sequential run: the concurrent run's floor ({floor:F0} ms) exceeds the budget on this machine, so no concurrent p99 could meet it here")
            : string.Create(CultureInfo.InvariantCulture, $"budget: p99 < {s_budget.TotalMilliseconds:F0} ms, judged on the sequential run (the concurrent floor, {floor:F0} ms, is within it on this machine; its p99 is reported, not judged)");
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static async Task WaitUntilServingAsync(MtlsProbe probe, ProbeRequest request, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        ProbeResult last;
        while (!(last = await probe.ProbeAsync(request, cancellationToken)).Succeeded)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60) || !await timer.WaitForNextTickAsync(cancellationToken))
            {
                throw new InvalidOperationException("The sandbox ALB never answered 418: " + last.Failure?.Message);
            }
        }
    }

    /// <summary>Today's setup (SDS gateway, ingress-nginx ALB, private-CA client certificate), written through the API.</summary>
    private static async Task SeedAsync(k8s.Kubernetes client, Pki pki, CancellationToken cancellationToken)
    {
        const string ns = "httptools";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "httpbin" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 8000, TargetPort = 8080 }], Selector = new Dictionary<string, string> { ["app"] = "httpbin" } },
        }, ns, cancellationToken: cancellationToken);
        var labels = new Dictionary<string, string> { ["app"] = "httpbin" };
        await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "httpbin" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "httpbin", Image = "docker.io/mccutchen/go-httpbin:v2.15.0" }] } },
            },
        }, ns, cancellationToken: cancellationToken);
        await Secret(client, "default", "bench-alb", new() { ["tls.crt"] = pki.Alb.ChainPem, ["tls.key"] = pki.Alb.KeyPem() }, cancellationToken);
        await Secret(client, "istio-system", "bench-gateway", new() { ["tls.crt"] = pki.Gateway.ChainPem, ["tls.key"] = pki.Gateway.KeyPem(TestKeyFormat.Pkcs1), ["ca.crt"] = pki.ClientCa.Root.Pem }, cancellationToken);
        await Secret(client, "istio-system", "alb-certs", new() { ["tls.crt"] = pki.Client.ChainPem, ["tls.key"] = pki.Client.KeyPem(), ["ca.crt"] = pki.Hierarchy.Root.Pem }, cancellationToken);
        var hosts = new JsonArray(GatewayDomain, $"httpbin.{AlbDomain}");
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(new JsonObject
        {
            ["apiVersion"] = "networking.istio.io/v1",
            ["kind"] = "Gateway",
            ["metadata"] = new JsonObject { ["name"] = "bench" },
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["istio"] = "ingressgateway" },
                ["servers"] = new JsonArray(new JsonObject
                {
                    ["port"] = new JsonObject { ["number"] = 443, ["name"] = "https", ["protocol"] = "HTTPS" },
                    ["tls"] = new JsonObject { ["mode"] = "MUTUAL", ["credentialName"] = "bench-gateway" },
                    ["hosts"] = hosts.DeepClone(),
                }),
            },
        }, "networking.istio.io", "v1", "istio-system", "gateways", cancellationToken: cancellationToken);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(new JsonObject
        {
            ["apiVersion"] = "networking.istio.io/v1",
            ["kind"] = "VirtualService",
            ["metadata"] = new JsonObject { ["name"] = "bench" },
            ["spec"] = new JsonObject
            {
                ["hosts"] = hosts.DeepClone(),
                ["gateways"] = new JsonArray("istio-system/bench"),
                ["http"] = new JsonArray(new JsonObject
                {
                    ["match"] = new JsonArray(new JsonObject { ["uri"] = new JsonObject { ["prefix"] = "/status" } }),
                    ["route"] = new JsonArray(new JsonObject { ["destination"] = new JsonObject { ["host"] = "httpbin.httptools.svc.cluster.local", ["port"] = new JsonObject { ["number"] = 8000 } } }),
                }),
            },
        }, "networking.istio.io", "v1", ns, "virtualservices", cancellationToken: cancellationToken);
        await client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress
        {
            Metadata = new V1ObjectMeta
            {
                Name = "bench",
                Annotations = new Dictionary<string, string>
                {
                    ["nginx.ingress.kubernetes.io/backend-protocol"] = "HTTPS",
                    ["nginx.ingress.kubernetes.io/proxy-ssl-secret"] = "istio-system/alb-certs",
                    ["nginx.ingress.kubernetes.io/proxy-ssl-verify"] = "on",
                    ["nginx.ingress.kubernetes.io/proxy-ssl-name"] = GatewayDomain,
                    ["nginx.ingress.kubernetes.io/proxy-ssl-server-name"] = "on",
                },
            },
            Spec = new V1IngressSpec
            {
                IngressClassName = "public-iks-k8s-nginx",
                Rules =
                [
                    new V1IngressRule
                    {
                        Host = $"httpbin.{AlbDomain}",
                        Http = new V1HTTPIngressRuleValue { Paths = [new V1HTTPIngressPath { Path = "/status", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "istio-ingressgateway", Port = new V1ServiceBackendPort { Number = 443 } } } }] },
                    },
                ],
            },
        }, "istio-system", cancellationToken: cancellationToken);
    }

    private static Task<V1Secret> Secret(k8s.Kubernetes client, string ns, string name, Dictionary<string, string> data, CancellationToken cancellationToken) =>
        client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name }, Data = data.ToDictionary(d => d.Key, d => Encoding.ASCII.GetBytes(d.Value)) }, ns, cancellationToken: cancellationToken);

    /// <summary>One run; <paramref name="Cpu"/> is the whole process's CPU time (probe, ALB, gateway and API server together).</summary>
    private sealed record Run(int Count, int Failures, TimeSpan Elapsed, TimeSpan Cpu, TimeSpan P50, TimeSpan P99)
    {
        public string Describe(string label) => string.Create(CultureInfo.InvariantCulture,
            $"{label}: {Count:N0} probes in {Elapsed.TotalSeconds:F2} s, {Count / Elapsed.TotalSeconds:F0} probes/s = {2 * Count / Elapsed.TotalSeconds:F0} TLS handshakes/s (probe→ALB, ALB→gateway mTLS); p50 {P50.TotalMilliseconds:F1} ms, p99 {P99.TotalMilliseconds:F1} ms; {Cpu.TotalMilliseconds / Count:F1} ms CPU per probe; {Failures} failed");
    }

    /// <summary>The IKS-like certificates: Let's-Encrypt-like server certificates, a private CA for the ALB's client certificate.</summary>
    private sealed class Pki(DateTimeOffset now)
    {
        public TestHierarchy Hierarchy { get; } = TestHierarchy.LetsEncryptLike(now, new TestHierarchyOptions { KeyNamespace = "bench-le", RootKey = TestKeyKind.Rsa2048 });

        public TestHierarchy ClientCa { get; } = TestHierarchy.LetsEncryptLike(now, new TestHierarchyOptions
        {
            RootName = "CN=Bench ALB Client CA",
            IntermediateName = "CN=Bench ALB Client Intermediate",
            KeyNamespace = "bench-private",
            RootKey = TestKeyKind.EcdsaP256,
            IntermediateKey = TestKeyKind.EcdsaP256,
        });

        public TestCredential Alb => Hierarchy.Leaf(new TestLeafSpec { Host = AlbDomain, KeyName = "bench-alb" });

        public TestCredential Gateway => Hierarchy.Leaf(new TestLeafSpec { Host = GatewayDomain, KeyName = "bench-gateway" });

        public TestCredential Client => ClientCa.RootIssuedLeaf(new TestLeafSpec { DnsNames = ["alb-client.bench"], KeyName = "bench-client", KeyKind = TestKeyKind.EcdsaP256 }.ClientOnly());
    }

    /// <summary>Public names → public IPs, as the IKS simulator's DNS would answer.</summary>
    private sealed class Dns : ISandboxDns
    {
        private static readonly IPAddress s_alb = IPAddress.Parse("169.46.52.20");

        public IReadOnlyList<SandboxDnsRecord> Records => [new("*." + AlbDomain, [s_alb])];

        public IReadOnlyList<IPAddress> Resolve(string host) => host.EndsWith("." + AlbDomain, StringComparison.OrdinalIgnoreCase) ? [s_alb] : [];
    }
}
