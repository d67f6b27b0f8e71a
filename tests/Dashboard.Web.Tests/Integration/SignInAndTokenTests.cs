using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Core.Accounts;
using Dashboard.Web.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Integration;

public sealed partial class SignInAndTokenTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private DashboardHost Host => fixture.Host;

    [Fact]
    public async Task Login_PresetAdminPassword_SignsInAndOpensPages()
    {
        using var client = Host.CreateClient();
        using var login = await DashboardHost.LoginAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);

        using var page = await client.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("admin", me.GetProperty("name").GetString());
        Assert.Equal("Admin", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Login_WrongPassword_RedirectsWithErrorAndIsAudited()
    {
        using var client = Host.CreateClient();
        using var login = await DashboardHost.LoginAsync(client, "admin", "not-the-password");
        Assert.StartsWith("/login?", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("The user name or password is wrong", await client.GetStringAsync(login.Headers.Location), StringComparison.Ordinal);

        using var api = ApiClient(AppFixture.BootstrapToken);
        var audit = await api.GetFromJsonAsync<JsonElement>("/api/audit?action=auth.login&result=Denied");
        Assert.True(audit.GetProperty("total").GetInt32() >= 1);
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IsRejected()
    {
        using var client = Host.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "admin", ["password"] = DashboardHost.AdminPassword });
        using var response = await client.PostAsync("/account/login", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Audit_SuccessfulLogin_IsRecordedWithUserAndResult()
    {
        using var client = Host.CreateClient();
        (await DashboardHost.LoginAsync(client)).Dispose();
        var audit = await client.GetFromJsonAsync<JsonElement>("/api/audit?action=auth.login&result=Succeeded&actor=admin");
        var entry = audit.GetProperty("items")[0];
        Assert.Equal("admin", entry.GetProperty("actor").GetString());
        Assert.Equal("auth.login", entry.GetProperty("action").GetString());
        Assert.Equal("Succeeded", entry.GetProperty("result").GetString());
        Assert.Equal("127.0.0.1", entry.GetProperty("remoteAddress").GetString());
    }

    [Fact]
    public async Task BearerToken_CreatedWorks_RevokedIsRefused_AndNeitherIsLogged()
    {
        using var browser = Host.CreateClient();
        (await DashboardHost.LoginAsync(browser)).Dispose();
        using var created = await browser.PostAsJsonAsync("/api/tokens", new { name = "ci", lifetimeDays = 30 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        var id = body.GetProperty("id").GetInt32();

        using var api = ApiClient(token);
        Assert.Equal("admin", (await api.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("name").GetString());
        var listed = await api.GetStringAsync("/api/tokens");
        Assert.DoesNotContain(token, listed, StringComparison.Ordinal);

        using var revoke = await browser.DeleteAsync($"/api/tokens/{id}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var refused = await api.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var audit = await browser.GetStringAsync("/api/audit?action=token.");
        Assert.Contains("token.create", audit, StringComparison.Ordinal);
        Assert.Contains("token.revoke", audit, StringComparison.Ordinal);
        var logs = Host.Logs.RenderAll();
        Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardHost.AdminPassword, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BootstrapToken_ActsAsAdmin()
    {
        using var api = ApiClient(AppFixture.BootstrapToken);
        var me = await api.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("Admin", me.GetProperty("role").GetString());
        using var users = await api.GetAsync("/api/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    [Fact]
    public async Task Roles_ViewerCannotManageUsers_AndDisabledUserCannotSignIn()
    {
        using var admin = ApiClient(AppFixture.BootstrapToken);
        var name = "viewer" + Guid.NewGuid().ToString("N")[..6];
        using var create = await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "viewer-password-123", role = "Viewer" });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var userId = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        using var viewer = Host.CreateClient();
        (await DashboardHost.LoginAsync(viewer, name, "viewer-password-123")).Dispose();
        using var forbidden = await viewer.GetAsync("/api/users");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var allowed = await viewer.GetAsync("/api/audit");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        using var disable = await admin.PatchAsJsonAsync($"/api/users/{userId}", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        using var afterDisable = await viewer.GetAsync("/api/audit");
        Assert.Equal(HttpStatusCode.Unauthorized, afterDisable.StatusCode);
        using var again = Host.CreateClient();
        using var login = await DashboardHost.LoginAsync(again, name, "viewer-password-123");
        Assert.StartsWith("/login?", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("This user is disabled", await again.GetStringAsync(login.Headers.Location), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_BadInput_NamesTheProblem()
    {
        using var admin = ApiClient(AppFixture.BootstrapToken);
        using var response = await admin.PostAsJsonAsync("/api/users", new { userName = "x y", password = "short", role = "Viewer" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("User names are", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_AuthenticatedIsServedWithBearerScheme()
    {
        using var api = ApiClient(AppFixture.BootstrapToken);
        var doc = await api.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/tokens", out _));
        Assert.Equal("bearer", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task HangfireDashboard_SignedIn_IsServed()
    {
        using var client = Host.CreateClient();
        (await DashboardHost.LoginAsync(client)).Dispose();
        using var response = await client.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Dashboard jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditApi_Paging_PagesHoldDifferentEntriesAndTheSameTotal()
    {
        // Two entries of our own, whatever else the other tests record meanwhile (failed sign-ins of an existing user:
        // unknown names are recorded as unknown).
        var name = "pager" + Guid.NewGuid().ToString("N")[..6];
        using (var admin = ApiClient(AppFixture.BootstrapToken))
        {
            (await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "pager-password-123", role = "Viewer" })).Dispose();
        }

        for (var i = 0; i < 2; i++)
        {
            using var client = Host.CreateClient();
            (await DashboardHost.LoginAsync(client, name, "wrong-password-" + i)).Dispose();
        }

        using var api = ApiClient(AppFixture.BootstrapToken);
        var first = await api.GetFromJsonAsync<JsonElement>($"/api/audit?actor={name}&action=auth.login&pageSize=1&page=0");
        var second = await api.GetFromJsonAsync<JsonElement>($"/api/audit?actor={name}&action=auth.login&pageSize=1&page=1");
        var beyond = await api.GetFromJsonAsync<JsonElement>($"/api/audit?actor={name}&action=auth.login&pageSize=1&page=2");

        Assert.Equal(2, first.GetProperty("total").GetInt32());
        Assert.Equal(2, second.GetProperty("total").GetInt32());
        var newest = Assert.Single(first.GetProperty("items").EnumerateArray());
        var older = Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.True(newest.GetProperty("id").GetInt32() > older.GetProperty("id").GetInt32());
        Assert.Empty(beyond.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Audit_UserManagementAndLogout_AreRecorded()
    {
        using var admin = ApiClient(AppFixture.BootstrapToken);
        var name = "managed" + Guid.NewGuid().ToString("N")[..6];
        using var create = await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "managed-password-123", role = "Viewer" });
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await admin.PatchAsJsonAsync($"/api/users/{id}", new { role = "Operator" })).Dispose();
        (await admin.PatchAsJsonAsync($"/api/users/{id}", new { disabled = true })).Dispose();
        (await admin.PatchAsJsonAsync($"/api/users/{id}", new { disabled = false })).Dispose();

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?action=user.&text={name}");
        var entries = audit.GetProperty("items").EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString(), Subject: e.GetProperty("subject").GetString(), Result: e.GetProperty("result").GetString()))
            .Reverse()
            .ToList();
        Assert.Equal(new[] { "user.create", "user.role", "user.disable", "user.enable" }, entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((name, "Succeeded"), (e.Subject, e.Result)));

        using var user = Host.CreateClient();
        (await DashboardHost.LoginAsync(user, name, "managed-password-123")).Dispose();
        using var logout = await LogoutAsync(user);
        Assert.StartsWith("/login", logout.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var afterLogout = await user.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
        var logouts = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?action=auth.logout&actor={name}");
        var entry = Assert.Single(logouts.GetProperty("items").EnumerateArray());
        Assert.Equal("Succeeded", entry.GetProperty("result").GetString());
        Assert.Equal("127.0.0.1", entry.GetProperty("remoteAddress").GetString());
    }

    [Fact]
    public async Task UsersApi_Responses_NeverCarryTheSecurityStamp()
    {
        using var admin = ApiClient(AppFixture.BootstrapToken);
        var name = "stamped" + Guid.NewGuid().ToString("N")[..6];
        using var create = await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "stamped-password-123", role = "Viewer" });
        var created = await create.Content.ReadAsStringAsync();
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetInt32();
        var stampAtCreation = await SecurityStampAsync(id);
        using var patch = await admin.PatchAsJsonAsync($"/api/users/{id}", new { role = "Operator" });
        var patched = await patch.Content.ReadAsStringAsync();
        var listed = await admin.GetStringAsync("/api/users");
        var stamp = await SecurityStampAsync(id);

        Assert.NotEqual(stampAtCreation, stamp);
        Assert.DoesNotContain(stampAtCreation, created, StringComparison.Ordinal);
        foreach (var body in new[] { created, patched, listed })
        {
            Assert.Contains(name, body, StringComparison.Ordinal);
            Assert.DoesNotContain("securityStamp", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(stamp, body, StringComparison.Ordinal);
        }

        Assert.Equal("Operator", JsonDocument.Parse(patched).RootElement.GetProperty("role").GetString());
        Assert.DoesNotContain("securityStamp", await admin.GetStringAsync("/openapi/v1.json"), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<string> SecurityStampAsync(int userId)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AccountService>().FindAsync(userId, CancellationToken.None))!.SecurityStamp;
    }

    private HttpClient ApiClient(string token)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    // The app bar's sign-out form, with the antiforgery field it renders.
    private static async Task<HttpResponseMessage> LogoutAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/settings");
        var token = AntiforgeryField().Match(page);
        using var form = new FormUrlEncodedContent(token.Success ? new Dictionary<string, string> { ["__RequestVerificationToken"] = token.Groups[1].Value } : []);
        return await client.PostAsync("/account/logout", form);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
