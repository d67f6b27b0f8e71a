using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox;
using Dashboard.Web.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Setup;

/// <summary>
/// The real dashboard with its embedded sandbox (Kubernetes API simulator, IKS simulator, data plane) and the
/// simulated delays near zero, driven through /api with the bootstrap admin token.
/// </summary>
public sealed class SandboxApp : IAsyncDisposable
{
    public const string Token = "bootstrap-0123456789abcdef0123456789abcdef";

    private SandboxApp(DashboardHost host)
    {
        Host = host;
        Api = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public DashboardHost Host { get; }

    public HttpClient Api { get; }

    public SandboxEnvironment Sandbox => Host.Services.GetRequiredService<SandboxEnvironment>();

    /// <summary>Write requests the sandbox Kubernetes API has served since it started.</summary>
    public long KubernetesWrites => Sandbox.Kubernetes!.Requests.Writes;

    public static Dictionary<string, string?> FastSettings() => new()
    {
        ["Auth:BootstrapApiToken"] = Token,
        ["Sandbox:Mode"] = "On",
        ["Sandbox:Kubernetes:PodStartupDelay"] = "00:00:00.05",
        ["Sandbox:Kubernetes:PersistenceDebounce"] = "00:00:00.05",
        ["Sandbox:Iks:IssueDelay"] = "00:00:00.2",
        ["Setup:NlbPollInitialDelay"] = "00:00:00.2",
        ["Setup:NlbPollMaxDelay"] = "00:00:00.5",
        ["Setup:RolloutPollInterval"] = "00:00:00.05",
        ["Setup:VerifyRetryInterval"] = "00:00:00.2",
        ["Setup:VerifyTimeout"] = "00:00:30",
        ["Setup:LeaseDuration"] = "00:00:05",
        ["Ibm:RetryBaseDelay"] = "00:00:00.05",
        ["Ibm:MaxRetryDelay"] = "00:00:02",
        ["Jobs:PollInterval"] = "00:00:00.1",
    };

    public static async Task<SandboxApp> StartAsync(IReadOnlyDictionary<string, string?>? extra = null, string? dataDirectory = null, Action<WebApplicationBuilder>? configure = null)
    {
        var settings = FastSettings();
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = await DashboardHost.StartAsync(settings, dataDirectory, configure);
        var app = new SandboxApp(host);
        await app.Sandbox.Ready.WaitAsync(TimeSpan.FromSeconds(60));
        return app;
    }

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        using var response = await Api.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Starts a run through the API (202) and waits until it ends.</summary>
    public async Task<JsonObject> RunAsync(object? body = null, TimeSpan? timeout = null)
    {
        var id = await StartRunAsync(body);
        return await WaitForRunAsync(id, timeout ?? TimeSpan.FromSeconds(90));
    }

    public async Task<Guid> StartRunAsync(object? body = null)
    {
        using var response = await Api.PostAsJsonAsync("/api/targets/sandbox/setup/runs", body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"POST runs: {(int)response.StatusCode} {text}");
        return Guid.Parse(JsonNode.Parse(text)!["id"]!.GetValue<string>());
    }

    public async Task<JsonObject> WaitForRunAsync(Guid id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = await GetJsonAsync($"/api/runs/{id}");
            var state = run["state"]!.GetValue<string>();
            if (state is not ("Pending" or "Running" or "Waiting"))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Run {id} still {state} after {timeout}: {run}\n{Problems()}");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    public static JsonObject Step(JsonObject run, string id) => run["steps"]!.AsArray().Select(s => s!.AsObject()).Single(s => s["id"]!.GetValue<string>() == id);

    public static string Describe(JsonObject run) =>
        $"{run["state"]}: {run["message"]}\n" + string.Join("\n", run["steps"]!.AsArray().Select(s => $"  {s!["number"]} {s["id"]} {s["state"]}: {s["summary"]} {s["code"]} {string.Join(" | ", s["messages"]!.AsArray().Select(m => m!.GetValue<string>()))}"));

    /// <summary>What the sandbox logged at Warning or above (why a handshake or a route failed).</summary>
    public string SandboxWarnings() => string.Join("\n", Host.Logs.Events
        .Where(e => e.Level >= Serilog.Events.LogEventLevel.Warning && e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("Sandbox", StringComparison.Ordinal))
        .Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)).TakeLast(20));

    /// <summary>Everything logged at Warning or above.</summary>
    public string Problems() => string.Join("\n", Host.Logs.Events.Where(e => e.Level >= Serilog.Events.LogEventLevel.Warning
            || (e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("Iks", StringComparison.Ordinal)))
        .Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + " " + e.Exception?.GetType().Name + " " + e.Exception?.Message).TakeLast(30));

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
    }
}
