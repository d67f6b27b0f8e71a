using System.Net;
using Dashboard.Web.Auth;
using Dashboard.Web.Testing;

namespace Dashboard.Web.Tests.Security;

/// <summary>Issue 12 item 5: after sign-in the dashboard redirects only to its own pages, and odd return URLs never answer 500.</summary>
public sealed class OpenRedirectTests(OpenRedirectTests.Fixture fixture) : IClassFixture<OpenRedirectTests.Fixture>
{
    /// <summary>An app of its own: the theories sign in more often than the per-address limit of a shared one allows.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public DashboardHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await DashboardHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:SignInAttemptsPerMinute"] = "1000",
            ["Auth:LockoutThreshold"] = "100",
            ["Sandbox:Mode"] = "Off",
        });

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    public static TheoryData<string> Hostile =>
    [
        "/\t/evil.example",
        "/\t\t/evil.example/path",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "https://evil.example/",
        "http:evil.example",
        "javascript:alert(1)",
        "/\nSet-Cookie: stolen=1",
        "/\r\n/evil.example",
        "/%0d%0aSet-Cookie:%20x=1\n",
        " //evil.example",
        "~//evil.example",
        "/account/logout",
        "",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task SignIn_HostileReturnUrl_GoesHomeNeverOffSite(string returnUrl)
    {
        using var client = fixture.Host.CreateClient();
        var token = await SecurityClients.AntiforgeryTokenAsync(client, "/login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = "admin",
            ["password"] = DashboardHost.AdminPassword,
            ["returnUrl"] = returnUrl,
        });
        using var response = await client.PostAsync("/account/login", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task FailedSignIn_HostileReturnUrl_BackToTheFormWithAHomeReturnUrl(string returnUrl)
    {
        using var client = fixture.Host.CreateClient();
        var token = await SecurityClients.AntiforgeryTokenAsync(client, "/login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = "admin",
            ["password"] = "not-the-password",
            ["returnUrl"] = returnUrl,
        });
        using var response = await client.PostAsync("/account/login", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2F", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/settings")]
    [InlineData("/setup/sandbox?step=secrets")]
    [InlineData("/audit#latest")]
    public async Task SignIn_LocalReturnUrl_IsKept(string returnUrl)
    {
        Assert.Equal(returnUrl, AccountEndpoints.SafeReturnUrl(returnUrl));
        using var client = fixture.Host.CreateClient();
        var token = await SecurityClients.AntiforgeryTokenAsync(client, "/login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = "admin",
            ["password"] = DashboardHost.AdminPassword,
            ["returnUrl"] = returnUrl,
        });
        using var response = await client.PostAsync("/account/login", form);
        Assert.Equal(returnUrl, response.Headers.Location!.OriginalString);
    }
}
