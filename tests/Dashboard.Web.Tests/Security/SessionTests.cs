using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Testing;

namespace Dashboard.Web.Tests.Security;

/// <summary>Issue 12 item 4: sign-out ends the session on the server; sessions are listed, revoked and ended by password changes.</summary>
public sealed class SessionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private DashboardHost Host => fixture.Host;

    [Fact]
    public async Task SignOut_ACopiedCookie_StopsWorking()
    {
        var jar = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = Host.BaseAddress };
        (await DashboardHost.LoginAsync(browser)).Dispose();
        using var thief = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = Host.BaseAddress };
        thief.DefaultRequestHeaders.Add("Cookie", jar.GetCookieHeader(Host.BaseAddress));
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/me")).StatusCode);

        var token = await SecurityClients.AntiforgeryTokenAsync(browser, "/settings");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        (await browser.PostAsync("/account/logout", form)).Dispose();

        // Before the fix the copy kept working until the cookie's own expiry (hours, sliding).
        using var afterwards = await thief.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        using var page = await thief.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task Sessions_ListedWithTheCurrentOne_RevokingTheOtherEndsItAtOnce()
    {
        var name = "sessions-" + Guid.NewGuid().ToString("N")[..6];
        using var laptop = await SecurityClients.SignedInAsync(Host, "Viewer", name);
        using var phone = Host.CreateClient();
        phone.DefaultRequestHeaders.UserAgent.ParseAdd("phone-browser/1.0");
        (await DashboardHost.LoginAsync(phone, name, "hostile-password-123")).Dispose();

        var listed = await laptop.GetFromJsonAsync<JsonElement>("/api/me/sessions");
        Assert.Equal(2, listed.GetArrayLength());
        var current = Assert.Single(listed.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        var other = Assert.Single(listed.EnumerateArray(), s => !s.GetProperty("current").GetBoolean());
        Assert.Equal("phone-browser/1.0", other.GetProperty("userAgent").GetString());
        Assert.Equal("127.0.0.1", other.GetProperty("remoteAddress").GetString());
        Assert.True(current.GetProperty("expiresAt").GetDateTime() > DateTime.UtcNow.AddHours(23));

        using var revoked = await laptop.DeleteAsync($"/api/me/sessions/{other.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/me")).StatusCode);
        Assert.Single((await laptop.GetFromJsonAsync<JsonElement>("/api/me/sessions")).EnumerateArray());

        // Someone else's session id (or a made-up one) is not found and ends nothing.
        using var foreign = await laptop.DeleteAsync($"/api/me/sessions/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var audit = await SecurityClients.Bearer(Host, AppFixture.BootstrapToken).GetFromJsonAsync<JsonElement>($"/api/audit?action=session.revoke&actor={name}");
        Assert.Equal(1, audit.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ChangePassword_RequiresTheCurrentOne_EndsOtherSessions_KeepsThisOne()
    {
        var name = "changer-" + Guid.NewGuid().ToString("N")[..6];
        using var here = await SecurityClients.SignedInAsync(Host, "Viewer", name);
        using var elsewhere = Host.CreateClient();
        (await DashboardHost.LoginAsync(elsewhere, name, "hostile-password-123")).Dispose();

        using var wrong = await here.PostAsJsonAsync("/api/me/password", new { currentPassword = "not-it-at-all", newPassword = "brand-new-password-1" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("current password is wrong", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/me")).StatusCode);

        using var tooShort = await here.PostAsJsonAsync("/api/me/password", new { currentPassword = "hostile-password-123", newPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);

        using var changed = await here.PostAsJsonAsync("/api/me/password", new { currentPassword = "hostile-password-123", newPassword = "brand-new-password-1" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/me")).StatusCode);

        using var old = Host.CreateClient();
        using var oldLogin = await DashboardHost.LoginAsync(old, name, "hostile-password-123");
        Assert.StartsWith("/login", oldLogin.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var fresh = Host.CreateClient();
        using var freshLogin = await DashboardHost.LoginAsync(fresh, name, "brand-new-password-1");
        Assert.Equal("/", freshLogin.Headers.Location!.OriginalString);

        var log = Host.Logs.RenderAll();
        Assert.DoesNotContain("brand-new-password-1", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisablingAUser_EndsTheirSessions_AndReEnablingDoesNotRevive_Them()
    {
        var name = "disabled-" + Guid.NewGuid().ToString("N")[..6];
        using var user = await SecurityClients.SignedInAsync(Host, "Viewer", name);
        using var admin = SecurityClients.Bearer(Host, AppFixture.BootstrapToken);
        var id = (await admin.GetFromJsonAsync<JsonElement>("/api/users")).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == name).GetProperty("id").GetInt32();

        (await admin.PatchAsJsonAsync($"/api/users/{id}", new { disabled = true })).Dispose();
        (await admin.PatchAsJsonAsync($"/api/users/{id}", new { disabled = false })).Dispose();

        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/me")).StatusCode);
        Assert.Equal(1, await SecurityClients.CountOnStoreAsync(Host,
            $"SELECT COUNT(*) FROM UserSessions s JOIN Users u ON u.Id = s.UserId WHERE u.UserName = '{name}' AND s.RevokedReason = 'user disabled'"));
    }
}
