using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Targets;
using Dashboard.Web.Testing;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// The hostile-input suite: every bad request gets a clear error in problem details or the API's error list, never
/// an HTML page or a 500, and changes nothing. Cases that held before stay here so that they keep holding.
/// </summary>
public sealed class ApiErrorAndHostileInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private DashboardHost Host => fixture.Host;

    [Theory]
    [InlineData("GET", "/api/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/targets/sandbox/setup/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/api/tokens", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/api/audit", HttpStatusCode.MethodNotAllowed)]
    public async Task Api_UnknownRouteOrMethod_IsProblemJsonNotHtml(string method, string route, HttpStatusCode status)
    {
        using var api = SecurityClients.Bearer(Host, AppFixture.BootstrapToken);
        using var response = await api.SendAsync(new HttpRequestMessage(new HttpMethod(method), route) { Content = method == "GET" ? null : JsonContent.Create(new { }) });
        Assert.Equal(status, response.StatusCode);
        Assert.Equal((int)status, (await SecurityClients.ProblemAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Api_Anonymous401_IsProblemJsonWithTheChallenge()
    {
        using var anonymous = Host.CreateClient();
        using var response = await anonymous.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await SecurityClients.ProblemAsync(response);
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("not json at all")]
    [InlineData("{\"userName\": [1, 2], \"password\": {}, \"role\": \"Viewer\"}")]
    [InlineData("{\"userName\": \"x\", \"password\": \"p\", \"role\": \"Overlord\"}")]
    public async Task Api_UnreadableBody_Is400ProblemSayingWhatCouldNotBeRead_AndCreatesNothing(string body)
    {
        using var api = SecurityClients.Bearer(Host, AppFixture.BootstrapToken);
        var before = (await api.GetFromJsonAsync<JsonElement>("/api/users")).GetArrayLength();
        using var response = await api.PostAsync("/api/users", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await SecurityClients.ProblemAsync(response);
        Assert.Contains("request", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, (await api.GetFromJsonAsync<JsonElement>("/api/users")).GetArrayLength());
    }

    [Fact]
    public async Task Api_DeeplyNestedJson_Is400Problem()
    {
        using var api = SecurityClients.Bearer(Host, AppFixture.BootstrapToken);
        var deep = "{\"name\":\"deep\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        using var response = await api.PostAsync("/api/users", new StringContent(deep, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("depth", (await SecurityClients.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Api_OversizedBody_Is413Problem_BeforeAnythingReadsIt()
    {
        using var api = SecurityClients.Bearer(Host, AppFixture.BootstrapToken);
        var huge = "{\"name\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
        using var response = await api.PostAsync("/api/users", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await SecurityClients.ProblemAsync(response);
    }

    [Theory]
    [InlineData("istioApi", -7)]
    [InlineData("albFlavour", 99)]
    [InlineData("clientCertificate", 2)]
    [InlineData("clusterType", -1)]
    public async Task SetupOverrides_OutOfRangeEnumNumber_Is400NamingTheChoices_AndNothingStored(string field, int value)
    {
        using var api = await SandboxApiAsync();
        var before = await api.GetStringAsync("/api/targets/sandbox/setup");
        using var response = await api.PutAsync("/api/targets/sandbox/setup",
            new StringContent($"{{\"overrides\":{{\"{field}\":{value}}}}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"overrides.{field} '{value}' is not one of its choices", body, StringComparison.Ordinal);
        Assert.Equal(Overrides(before), Overrides(await api.GetStringAsync("/api/targets/sandbox/setup")));
    }

    [Theory]
    [InlineData("kube-public", "Kubernetes reserves")]
    [InlineData("kube-node-lease", "Kubernetes reserves")]
    [InlineData("kube-system", "Kubernetes reserves")]
    [InlineData("default", "IKS keeps its certificate secrets")]
    [InlineData("ibm-system", "IKS runs its own components")]
    [InlineData("ibm-cert-store", "IKS runs its own components")]
    [InlineData("istio-system", "Istio's control plane")]
    [InlineData("openshift-ingress", "OpenShift")]
    [InlineData("calico-system", "Calico")]
    public async Task SetupNamespace_SystemNamespace_Is400SayingWhy_AndNothingStored(string name, string why)
    {
        using var api = await SandboxApiAsync();
        var before = await api.GetStringAsync("/api/targets/sandbox/setup");
        using var response = await api.PutAsJsonAsync("/api/targets/sandbox/setup", new { parameters = new { @namespace = name } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"namespace '{name}' is a system namespace", body, StringComparison.Ordinal);
        Assert.Contains(why, body, StringComparison.Ordinal);
        Assert.Equal(Parameters(before), Parameters(await api.GetStringAsync("/api/targets/sandbox/setup")));
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("prod%2F..")]
    [InlineData("UPPER")]
    public async Task TargetName_Traversal_Is400AndNoTargetAppears(string name)
    {
        using var api = SecurityClients.Bearer(Host, AppFixture.BootstrapToken);
        var before = await api.GetStringAsync("/api/targets");
        using var response = await api.PostAsJsonAsync("/api/targets", new { name, inCluster = true });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not a DNS label", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await api.GetStringAsync("/api/targets"));
    }

    [Theory]
    [InlineData("../admin")]
    [InlineData("admin/../root")]
    [InlineData("a\u0000b")]
    public async Task UserName_TraversalOrControl_Is400AndNoUserAppears(string userName)
    {
        using var api = SecurityClients.Bearer(Host, AppFixture.BootstrapToken);
        var before = (await api.GetFromJsonAsync<JsonElement>("/api/users")).GetArrayLength();
        using var response = await api.PostAsJsonAsync("/api/users", new { userName, password = "hostile-password-123", role = "Viewer" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, (await api.GetFromJsonAsync<JsonElement>("/api/users")).GetArrayLength());
    }

    [Fact]
    public async Task UserRole_OutOfRangeNumber_Is400AndNoUserAppears()
    {
        using var api = SecurityClients.Bearer(Host, AppFixture.BootstrapToken);
        var name = "overlord-" + Guid.NewGuid().ToString("N")[..6];
        using var response = await api.PostAsync("/api/users",
            new StringContent($"{{\"userName\":\"{name}\",\"password\":\"hostile-password-123\",\"role\":7}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There is no role 7", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(name, await api.GetStringAsync("/api/users"), StringComparison.Ordinal);
    }

    [Fact]
    public void UploadedKubeconfig_BillionLaughs_IsRefusedWithAClearErrorNotExpanded()
    {
        var yaml = new StringBuilder("apiVersion: v1\nkind: Config\n");
        yaml.Append("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 10; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(",", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        yaml.Append("clusters: *a9\n");
        var before = GC.GetTotalAllocatedBytes();
        var inspection = KubeconfigFiles.Inspect(Encoding.UTF8.GetBytes(yaml.ToString()));

        Assert.NotNull(inspection.Error);
        Assert.Empty(inspection.Contexts);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 256L * 1024 * 1024, "the aliases were expanded");
    }

    [Fact]
    public async Task TokenName_Hostile_IsStoredAsPlainText_AndNeverExecutes()
    {
        using var browser = await SecurityClients.SignedInAsync(Host, "Viewer");
        const string name = "<script>alert(1)</script>/../../etc/passwd";
        using var created = await browser.PostAsJsonAsync("/api/tokens", new { name });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var listed = await browser.GetFromJsonAsync<JsonElement>("/api/tokens");
        Assert.Contains(listed.EnumerateArray(), t => t.GetProperty("name").GetString() == name);
        var page = await browser.GetStringAsync("/settings");
        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
    }

    private async Task<HttpClient> SandboxApiAsync()
    {
        var api = SecurityClients.Bearer(Host, AppFixture.BootstrapToken);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await api.GetStringAsync("/api/targets")).Contains("\"sandbox\"", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the sandbox target did not appear");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return api;
    }

    private static string Overrides(string setup) => JsonDocument.Parse(setup).RootElement.GetProperty("overrides").GetRawText();

    private static string Parameters(string setup) => JsonDocument.Parse(setup).RootElement.GetProperty("parameters").GetRawText();
}
