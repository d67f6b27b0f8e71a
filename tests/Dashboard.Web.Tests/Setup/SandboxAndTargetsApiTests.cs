using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Iks;
using k8s;

namespace Dashboard.Web.Tests.Setup;

/// <summary>The sandbox wiring seen from outside (real kubectl against the real app), the sandbox and targets API.</summary>
public sealed class SandboxAndTargetsApiTests : IAsyncLifetime
{
    private SandboxApp _app = null!;

    public async Task InitializeAsync() => _app = await SandboxApp.StartAsync(new Dictionary<string, string?>
    {
        ["Sandbox:Mode"] = "Auto",
        // Targets other than the sandbox would talk to IBM Cloud; tests stay on loopback (nothing listens on port 9).
        ["Ibm:ApiBaseUrl"] = "http://127.0.0.1:9/global",
        ["Ibm:IamTokenUrl"] = "http://127.0.0.1:9/identity/token",
        ["Ibm:MaxRetries"] = "0",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Sandbox_NoTargetsConfigured_LogsKubeconfigAndKubectlListsTheGatewayPods()
    {
        var sandbox = await _app.GetJsonAsync("/api/sandbox");
        var kubeconfig = sandbox["kubeconfigPath"]!.GetValue<string>();
        Assert.Contains(_app.Host.Logs.Events, e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(kubeconfig, StringComparison.Ordinal));

        // Its own discovery cache: kubectl's shared ~/.kube/cache may hold another simulator's answers for the same port.
        var cache = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["HOME"] = cache;
        foreach (var arg in new[] { "--kubeconfig", kubeconfig, "--cache-dir", cache, "get", "pods", "-n", "istio-system", "-l", "istio=ingressgateway", "-o", "name" })
        {
            start.ArgumentList.Add(arg);
        }

        using var kubectl = Process.Start(start)!;
        var output = kubectl.StandardOutput.ReadToEndAsync();
        var error = kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        Directory.Delete(cache, recursive: true);
        Assert.True(kubectl.ExitCode == 0, $"kubectl exited {kubectl.ExitCode}: {await error}{await output}");
        Assert.Contains("pod/istio-ingressgateway-", await output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SandboxApi_Describe_NamesEveryPartWithCurlHints_AndTheReadmesIksCurlsWorkWithIt()
    {
        var sandbox = await _app.GetJsonAsync("/api/sandbox");
        Assert.Equal("simulator", sandbox["kubernetes"]!.GetValue<string>());
        Assert.Equal("Current", sandbox["flavour"]!.GetValue<string>());
        var iks = sandbox["iksBaseUrl"]!.GetValue<string>();
        var iam = sandbox["iamTokenUrl"]!.GetValue<string>();
        var apiKey = sandbox["apiKey"]!.GetValue<string>();
        Assert.StartsWith("http://127.0.0.1:", iks, StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:", iam, StringComparison.Ordinal);
        Assert.EndsWith("/identity/token", iam, StringComparison.Ordinal);
        Assert.Equal("sandbox-api-key", apiKey);
        Assert.Equal("sandbox.owner@example.com", sandbox["apiKeyOwner"]!.GetValue<string>());
        var account = sandbox["account"]!;
        Assert.Equal((SandboxIksDefaults.AccountId, SandboxIksDefaults.AccountName, "sandbox.owner@example.com"), (account["id"]!.GetValue<string>(), account["name"]!.GetValue<string>(), account["owner"]!.GetValue<string>()));
        Assert.Equal("sandbox", sandbox["iksCluster"]!.GetValue<string>());
        Assert.Contains(sandbox["dataPlane"]!["hosts"]!.AsArray(), h => h!["curlResolve"]!.GetValue<string>().StartsWith("--resolve ", StringComparison.Ordinal));

        // README "The sandbox from a shell": the same requests as its curl lines, from a client that is not the dashboard's.
        using var shell = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var tokenResponse = await shell.PostAsync(iam, new StringContent($"grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey={apiKey}", Encoding.ASCII, "application/x-www-form-urlencoded"));
        var tokenBody = await tokenResponse.Content.ReadAsStringAsync();
        Assert.True(tokenResponse.IsSuccessStatusCode, $"IAM answered {(int)tokenResponse.StatusCode}: {tokenBody}");
        var ibmToken = JsonNode.Parse(tokenBody)!["access_token"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(ibmToken));
        shell.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ibmToken);

        var cluster = await GetIbmJsonAsync(shell, $"{iks}/v2/getCluster?cluster=sandbox");
        Assert.Equal(("sandbox", "classic"), (cluster["name"]!.GetValue<string>(), cluster["provider"]!.GetValue<string>()));
        Assert.Contains($":a/{SandboxIksDefaults.AccountId}:", cluster["crn"]!.GetValue<string>(), StringComparison.Ordinal);
        var ingress = cluster["ingress"]!["hostname"]!.GetValue<string>();
        Assert.Matches(@"^sandbox-[0-9a-f]{32}-0000\.us-south\.containers\.appdomain\.cloud$", ingress);
        Assert.Equal(ingress.Split('.')[0], cluster["ingress"]!["secretName"]!.GetValue<string>());

        var list = (await GetIbmJsonAsync(shell, $"{iks}/v2/nlb-dns/getNlbDNSList?cluster=sandbox")).AsArray();
        var entry = Assert.Single(list, e => e!["nlbHost"]!.GetValue<string>() == ingress)!;
        Assert.Equal(ingress.Split('.')[0], entry["nlbSslSecretName"]!.GetValue<string>());
        Assert.NotEmpty(entry["nlbIPArray"]!.AsArray());

        // Without the token IKS refuses, so the calls above really were authorised by the IAM exchange.
        using var bare = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var anonymous = await bare.GetAsync($"{iks}/v2/getCluster?cluster=sandbox");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<JsonNode> GetIbmJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task SandboxClock_AdvancedByAnOperator_MovesForwardAndIsAudited()
    {
        var before = await _app.GetJsonAsync("/api/sandbox");
        using var response = await _app.Api.PostAsJsonAsync("/api/sandbox/clock/advance", new { by = "54.00:00:00" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(TimeSpan.Parse(body["offset"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) - TimeSpan.Parse(before["clockOffset"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) == TimeSpan.FromDays(54));
        using var bad = await _app.Api.PostAsJsonAsync("/api/sandbox/clock/advance", new { by = "-1.00:00:00" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var audit = await _app.GetJsonAsync("/api/audit?action=sandbox.clock");
        Assert.Equal(1, audit["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Targets_ListCreateAndTest_NeverReturnTheApiKey()
    {
        var list = JsonNode.Parse(await _app.Api.GetStringAsync("/api/targets"))!.AsArray();
        Assert.Contains(list, t => t!["id"]!.GetValue<string>() == "sandbox" && t["source"]!.GetValue<string>() == "Sandbox" && t["hasApiKey"]!.GetValue<bool>());

        using var invalid = await _app.Api.PostAsJsonAsync("/api/targets", new { name = "Bad_Name", kubeconfigPath = "/nope", apiKey = "a b" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadAsStringAsync());
        Assert.Contains("not a DNS label", errors, StringComparison.Ordinal);
        Assert.Contains("does not exist", errors, StringComparison.Ordinal);

        const string key = "real-looking-api-key-0123456789";
        using var created = await _app.Api.PostAsJsonAsync("/api/targets", new { name = "second", kubeconfigPath = _app.Sandbox.KubeconfigPath, iksClusterName = "sandbox", apiKey = key });
        var createdBody = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(key, createdBody, StringComparison.Ordinal);
        Assert.DoesNotContain(key, await _app.Api.GetStringAsync("/api/targets"), StringComparison.Ordinal);
        Assert.DoesNotContain(key, _app.Host.Logs.RenderAll(), StringComparison.Ordinal);

        using var test = await _app.Api.PostAsync("/api/targets/sandbox/test", null);
        var checks = JsonNode.Parse(await test.Content.ReadAsStringAsync())!["checks"]!.AsArray();
        Assert.All(checks, c => Assert.True(c!["ok"]!.GetValue<bool>(), c.ToJsonString()));

        // The stored target talks to the configured IBM Cloud URLs (here a closed loopback port), not the simulator: its IKS check fails with what to fix.
        using var second = await _app.Api.PostAsync("/api/targets/second/test", null);
        var secondChecks = JsonNode.Parse(await second.Content.ReadAsStringAsync())!["checks"]!.AsArray();
        Assert.True(secondChecks[0]!["ok"]!.GetValue<bool>());
        Assert.False(secondChecks[1]!["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Setup_TargetKubeconfigLosesItsContextThenItsFile_503NamesTheProblemAndTheFix()
    {
        var directory = Directory.CreateTempSubdirectory("kubeconfig-").FullName;
        var path = Path.Combine(directory, "config");
        File.Copy(_app.Sandbox.KubeconfigPath, path);
        var kubeconfig = KubernetesClientConfiguration.LoadKubeConfig(path);
        var token = kubeconfig.Users.Single().UserCredentials.Token;
        using var created = await _app.Api.PostAsJsonAsync("/api/targets", new { name = "rewritten", kubeconfigPath = path, kubeContext = kubeconfig.CurrentContext });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // The file is rewritten (as 'ibmcloud ks cluster config' does) without the context the target uses.
        var context = kubeconfig.Contexts.Single();
        context.Name = "other-cluster";
        kubeconfig.CurrentContext = "other-cluster";
        await File.WriteAllTextAsync(path, KubernetesYaml.Serialize(kubeconfig));
        Assert.Equal(["other-cluster"], KubernetesClientConfiguration.LoadKubeConfig(path).Contexts.Select(c => c.Name));

        var missingContext = await ProblemAsync("/api/targets/rewritten/setup");
        Assert.Contains($"The kubeconfig '{path}' of target 'rewritten' has no context 'sandbox' (it has: other-cluster)", missingContext, StringComparison.Ordinal);
        Assert.Contains("Targets page", missingContext, StringComparison.Ordinal);
        Assert.Contains("has no context 'sandbox'", await ProblemAsync("/api/targets/rewritten/setup/plan"), StringComparison.Ordinal);
        using var test = await _app.Api.PostAsync("/api/targets/rewritten/test", null);
        var check = JsonNode.Parse(await test.Content.ReadAsStringAsync())!["checks"]!.AsArray().Single()!;
        Assert.False(check["ok"]!.GetValue<bool>());
        Assert.Contains("has no context 'sandbox'", check["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        File.Delete(path);
        var missingFile = await ProblemAsync("/api/targets/rewritten/setup");
        Assert.Contains($"The kubeconfig '{path}' of target 'rewritten' does not exist on the dashboard's host", missingFile, StringComparison.Ordinal);

        await File.WriteAllTextAsync(path, $"clusters: [ {{ name: x, token: {token} ");
        var broken = await ProblemAsync("/api/targets/rewritten/setup");
        Assert.Contains("cannot be used", broken, StringComparison.Ordinal);
        Assert.Contains("kubectl --kubeconfig", broken, StringComparison.Ordinal);
        Assert.DoesNotContain(token, broken + missingContext, StringComparison.Ordinal);
        Assert.DoesNotContain(token, _app.Host.Logs.RenderAll(), StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheSetupApi()
    {
        var document = await _app.Api.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/targets", "/api/targets/{id}/setup", "/api/targets/{id}/setup/plan", "/api/targets/{id}/setup/runs", "/api/runs/{runId}", "/api/sandbox", "/api/sandbox/clock/advance" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }
    }

    private async Task<string> ProblemAsync(string path)
    {
        using var response = await _app.Api.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["detail"]!.GetValue<string>();
    }

    [Fact]
    public async Task Plan_BeforeAnyRun_ShowsYamlWithoutKeyMaterial()
    {
        var plan = await _app.GetJsonAsync("/api/targets/sandbox/setup/plan");
        var ns = plan["steps"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "namespace")!;
        Assert.Contains("istio-injection: enabled", ns["plan"]!["objects"]![0]!["yaml"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("create", ns["plan"]!["objects"]![0]!["action"]!.GetValue<string>());
        Assert.DoesNotContain("PRIVATE KEY", plan.ToJsonString(), StringComparison.Ordinal);
    }
}
