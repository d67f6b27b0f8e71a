using System.Net;

namespace Dashboard.Web.Tests.Integration;

/// <summary>No anonymous access to anything but the login page, the health endpoints and static assets.</summary>
public sealed class AnonymousAccessTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<string> PageRoutes => ["/", "/setup", "/certificates", "/health", "/cleanup", "/background-jobs", "/audit", "/settings", "/no-such-page"];

    public static TheoryData<string, string> ApiCalls => new()
    {
        { "GET", "/api/me" },
        { "GET", "/api/tokens" },
        { "POST", "/api/tokens" },
        { "DELETE", "/api/tokens/1" },
        { "GET", "/api/users" },
        { "POST", "/api/users" },
        { "GET", "/api/audit" },
        { "GET", "/api/sandbox" },
        { "POST", "/api/sandbox/kubernetes/reset" },
        { "GET", "/api/does-not-exist" },
        { "GET", "/openapi/v1.json" },
    };

    [Theory]
    [MemberData(nameof(PageRoutes))]
    public async Task Page_Anonymous_RedirectsToLogin(string route)
    {
        using var client = fixture.Host.CreateClient();
        using var response = await client.GetAsync(route);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ApiCalls))]
    public async Task Api_Anonymous_Is401WithBearerChallenge(string method, string route)
    {
        using var client = fixture.Host.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), route);
        if (method != "GET")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/jobs")]
    [InlineData("/jobs/recurring")]
    [InlineData("/jobs/stats")]
    public async Task HangfireDashboard_Anonymous_IsRefused(string route)
    {
        using var client = fixture.Host.CreateClient();
        using var response = await client.GetAsync(route);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_UnknownBearerToken_Is401()
    {
        using var client = fixture.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "dsh_not-a-real-token");
        using var response = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/app.css")]
    [InlineData("/favicon.svg")]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    public async Task PublicRoutes_Anonymous_Are200(string route)
    {
        using var client = fixture.Host.CreateClient();
        using var response = await client.GetAsync(route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BlazorHub_Anonymous_IsRefused()
    {
        using var client = fixture.Host.CreateClient();
        using var response = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
