using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Certificates.Issuance;
using Dashboard.Sandbox.Iks;
using Dashboard.Sandbox.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Sandbox.Tests.Iks;

/// <summary>
/// A sandbox Kubernetes API plus an IKS simulator bound to it, on loopback, with short delays; and a raw HTTP client
/// that speaks to the simulator the way IBM's API is spoken to (no dashboard code involved).
/// </summary>
public sealed class IksSandbox : IAsyncDisposable
{
    private readonly string _directory;
    private readonly ILoggerFactory _loggerFactory;

    private IksSandbox(string directory, SandboxKubernetesServer kubernetes, SandboxIksSimulator simulator, FakeLogCollector logs, ILoggerFactory loggerFactory)
    {
        Logs = logs;
        _loggerFactory = loggerFactory;
        _directory = directory;
        KubernetesServer = kubernetes;
        Simulator = simulator;
        Kubernetes = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubernetes.KubeconfigPath));
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Everything the simulator logged (tests check that normal operation logs no errors).</summary>
    public FakeLogCollector Logs { get; }

    /// <summary>Simulator log records at Error or above.</summary>
    public IReadOnlyList<FakeLogRecord> Errors => [.. Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error)];

    public SandboxKubernetesServer KubernetesServer { get; }

    public SandboxIksSimulator Simulator { get; private set; }

    public IKubernetes Kubernetes { get; }

    public HttpClient Http { get; }

    public string DataDirectory => _directory;

    public static async Task<IksSandbox> StartAsync(TimeProvider? time = null, Action<SandboxIksOptions>? configure = null, string? directory = null)
    {
        var logs = new FakeLogCollector();
        var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs)));
        directory ??= Directory.CreateTempSubdirectory("iks-sandbox-").FullName;
        var kubernetes = new SandboxKubernetesServer(new SandboxKubernetesOptions { DataDirectory = directory, PersistState = false, PodStartupDelay = TimeSpan.Zero });
        await kubernetes.StartAsync(CancellationToken.None);
        var options = Options(directory, kubernetes.KubeconfigPath);
        configure?.Invoke(options);
        var simulator = new SandboxIksSimulator(options, time, loggerFactory);
        await simulator.StartAsync(CancellationToken.None);
        return new IksSandbox(directory, kubernetes, simulator, logs, loggerFactory);
    }

    public static SandboxIksOptions Options(string directory, string? kubeconfig) => new()
    {
        DataDirectory = directory,
        KubeconfigPath = kubeconfig,
        IssueDelay = TimeSpan.FromMilliseconds(200),
        RetryInterval = TimeSpan.FromMilliseconds(200),
        LeafKeyType = KeyType.EcdsaP256,
        CaKeyType = KeyType.EcdsaP256,
    };

    /// <summary>Stops the simulator and starts a new one on the same data directory (a process restart).</summary>
    public async Task RestartSimulatorAsync(TimeProvider? time = null, Action<SandboxIksOptions>? configure = null)
    {
        await Simulator.DisposeAsync();
        var options = Options(_directory, KubernetesServer.KubeconfigPath);
        configure?.Invoke(options);
        Simulator = new SandboxIksSimulator(options, time, _loggerFactory);
        await Simulator.StartAsync(CancellationToken.None);
    }

    public async Task<string> TokenAsync(string apiKey = SandboxIksDefaults.ApiKey)
    {
        using var response = await Http.PostAsync(Simulator.IamTokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ibm:params:oauth:grant-type:apikey",
            ["apikey"] = apiKey,
        }));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body["access_token"]!.GetValue<string>();
    }

    /// <summary>Calls an IKS path (below <c>/global</c>) with a bearer token; returns the status and the parsed body (null when empty).</summary>
    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> CallAsync(HttpMethod method, string path, object? body = null, string? token = null, string? rawBody = null)
    {
        using var request = new HttpRequestMessage(method, Simulator.BaseAddress + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? await TokenAsync());
        if (rawBody is not null || body is not null)
        {
            request.Content = new StringContent(rawBody ?? System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text), response);
    }

    public async Task<JsonArray> ListAsync(string cluster = SandboxIksDefaults.ClusterName)
    {
        var (status, body, _) = await CallAsync(HttpMethod.Get, $"/v2/nlb-dns/getNlbDNSList?cluster={cluster}");
        Assert.Equal(200, status);
        return body!.AsArray();
    }

    public async Task<V1Secret?> SecretAsync(string ns, string name)
    {
        try
        {
            return await Kubernetes.CoreV1.ReadNamespacedSecretAsync(name, ns);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Kubernetes.Dispose();
        await Simulator.DisposeAsync();
        await KubernetesServer.DisposeAsync();
        _loggerFactory.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing listener; the temp directory is cleaned by the OS.
        }
    }
}
