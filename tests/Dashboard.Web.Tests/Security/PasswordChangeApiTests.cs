using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Testing;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Review of issue 12, points 2 and 4 on <c>/api/me/password</c>: wrong current passwords lock the account, the
/// route is rate-limited per user, API tokens cannot change a password, and the change can revoke one's tokens.
/// </summary>
public sealed class PasswordChangeApiTests : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:BootstrapApiToken"] = AppFixture.BootstrapToken,
        ["Auth:LockoutThreshold"] = "3",
        ["Auth:SignInAttemptsPerMinute"] = "5",
        ["Sandbox:Mode"] = "Off",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task WrongCurrentPasswords_LockTheAccount_TheRightOneIsThenRefused_AndSoIsSignIn()
    {
        var name = "oracle-" + Guid.NewGuid().ToString("N")[..6];
        using var stolen = await SecurityClients.SignedInAsync(_host, "Viewer", name);
        for (var i = 1; i <= 2; i++)
        {
            using var wrong = await ChangeAsync(stolen, "guess-" + i);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var third = await ChangeAsync(stolen, "guess-3");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);

        // Before the fix the right password changed it here, after any number of guesses.
        using var right = await ChangeAsync(stolen, "hostile-password-123");
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("Too many wrong passwords", (await SecurityClients.ProblemAsync(right)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var other = _host.CreateClient();
        using var signIn = await DashboardHost.LoginAsync(other, name, "hostile-password-123");
        Assert.StartsWith("/login", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimited_PerUser_WithAProblemAndRetryAfter()
    {
        using var client = await SecurityClients.SignedInAsync(_host, "Viewer");
        using var neighbour = await SecurityClients.SignedInAsync(_host, "Viewer");
        for (var i = 0; i < 5; i++)
        {
            (await ChangeAsync(client, "short")).Dispose();
        }

        using var limited = await ChangeAsync(client, "short");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("Too many attempts from this user", (await SecurityClients.ProblemAsync(limited)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Another user from the same address has their own allowance.
        using var allowed = await ChangeAsync(neighbour, "hostile-password-123", "neighbour-new-password-1");
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
    }

    [Fact]
    public async Task WithAnApiToken_IsRefused_AndThePasswordStays()
    {
        var name = "scripted-" + Guid.NewGuid().ToString("N")[..6];
        using var browser = await SecurityClients.SignedInAsync(_host, "Viewer", name);
        using var created = await browser.PostAsJsonAsync("/api/tokens", new { name = "ci" });
        using var script = SecurityClients.Bearer(_host, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);

        using var refused = await ChangeAsync(script, "hostile-password-123", "taken-over-password-1");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("signed-in browser session", (await SecurityClients.ProblemAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var bootstrap = SecurityClients.Bearer(_host, AppFixture.BootstrapToken);
        using var bootstrapRefused = await ChangeAsync(bootstrap, "hostile-password-123", "taken-over-password-1");
        Assert.Equal(HttpStatusCode.Forbidden, bootstrapRefused.StatusCode);

        using var again = _host.CreateClient();
        using var login = await DashboardHost.LoginAsync(again, name, "hostile-password-123");
        Assert.Equal("/", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task RevokeApiTokens_EndsTheCallersTokens()
    {
        using var browser = await SecurityClients.SignedInAsync(_host, "Viewer");
        using var created = await browser.PostAsJsonAsync("/api/tokens", new { name = "leaked" });
        using var script = SecurityClients.Bearer(_host, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/me")).StatusCode);

        using var changed = await browser.PostAsJsonAsync("/api/me/password",
            new { currentPassword = "hostile-password-123", newPassword = "after-the-leak-password-1", revokeApiTokens = true });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next = "a-brand-new-password-1") =>
        client.PostAsJsonAsync("/api/me/password", new { currentPassword = current, newPassword = next });
}
