using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Hosting;
using Dashboard.Web.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue 13 item 6 and issue 12 items 6-7 on the sign-in form: a failed sign-in keeps the typed name, the rate limit
/// and the lockout answer with the form and a wait in seconds, unknown names are recorded as unknown, and the
/// per-account lockout holds across two app instances on one store.
/// </summary>
public sealed class SignInPageTests : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:BootstrapApiToken"] = AppFixture.BootstrapToken,
        ["Auth:LockoutThreshold"] = "3",
        ["Auth:SignInAttemptsPerMinute"] = "12",
        ["Sandbox:Mode"] = "Off",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task WrongPassword_FormKeepsTheUserName_AndSaysWhatIsWrong()
    {
        using var client = _host.CreateClient();
        using var login = await DashboardHost.LoginAsync(client, "Admin ", "not-the-password");
        var page = await client.GetStringAsync(login.Headers.Location);

        Assert.Contains("The user name or password is wrong", page, StringComparison.Ordinal);
        Assert.Matches("<input[^>]*id=\"userName\"[^>]*value=\"Admin\"", page);

        // Shown once: a reload is a plain form again.
        var again = await client.GetStringAsync("/login");
        Assert.DoesNotContain("The user name or password is wrong", again, StringComparison.Ordinal);
        Assert.DoesNotMatch("<input[^>]*id=\"userName\"[^>]*value=\"Admin\"", again);
        Assert.DoesNotContain("Admin", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownUserName_IsRecordedAndLoggedAsUnknown_NotTheTypedText()
    {
        const string typed = "Sup3r-Secret-Typed-As-Name";
        using var client = _host.CreateClient();
        (await DashboardHost.LoginAsync(client, typed, "whatever-was-typed")).Dispose();

        using var admin = SecurityClients.Bearer(_host, AppFixture.BootstrapToken);
        var audit = await admin.GetStringAsync("/api/audit?action=auth.login&result=Denied");
        Assert.Contains("(unknown user)", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(typed, audit, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(typed, _host.Logs.RenderAll(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RateLimit_ShowsTheSignInFormWithTheWait_NotABare429()
    {
        using var client = _host.CreateClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 13; i++)
        {
            last?.Dispose();
            last = await DashboardHost.LoginAsync(client, "rate-" + i, "wrong-password");
        }

        Assert.Equal(HttpStatusCode.SeeOther, last!.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
        using var page = await client.GetAsync(last.Headers.Location);
        var html = await page.Content.ReadAsStringAsync();
        last.Dispose();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Matches(@"Too many sign-in attempts from your address: try again in \d+ s\.", html);
        Assert.Contains("<form", html, StringComparison.Ordinal);
        Assert.Matches("<input[^>]*id=\"userName\"[^>]*value=\"rate-12\"", html);
    }

    [Fact]
    public async Task Lockout_ThreeFailures_LockTheAccountOnEveryInstance_EvenForTheRightPassword()
    {
        using var admin = SecurityClients.Bearer(_host, AppFixture.BootstrapToken);
        (await admin.PostAsJsonAsync("/api/users", new { userName = "frank", password = "frank-password-123", role = "Viewer" })).Dispose();
        for (var i = 0; i < 3; i++)
        {
            using var client = _host.CreateClient();
            (await DashboardHost.LoginAsync(client, "frank", "wrong-" + i)).Dispose();
        }

        // A second instance on the same store: the lockout is stored, not kept in one process.
        var dataDirectory = _host.Services.GetRequiredService<DataDirectory>().Path;
        await using var replica = await DashboardHost.StartAsync(new Dictionary<string, string?> { ["Jobs:RunServer"] = "false", ["Sandbox:Mode"] = "Off" }, dataDirectory);
        using var elsewhere = replica.CreateClient();
        using var refused = await DashboardHost.LoginAsync(elsewhere, "frank", "frank-password-123");
        var page = await elsewhere.GetStringAsync(refused.Headers.Location);

        Assert.StartsWith("/login", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Matches(@"Too many failed sign-ins for this user: try again in \d+ s\.", page);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?action=auth.login&actor=frank");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("details").GetString()!.StartsWith("locked out until", StringComparison.Ordinal));
    }
}
