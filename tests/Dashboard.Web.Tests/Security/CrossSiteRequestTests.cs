using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Testing;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue 12 item 3: the browser's cookie alone does not let another origin (another port of the same host included)
/// change anything through /api; bearer tokens are unaffected; sign-out needs the page's antiforgery token.
/// </summary>
public sealed class CrossSiteRequestTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private DashboardHost Host => fixture.Host;

    private string SelfOrigin => Host.BaseAddress.GetLeftPart(UriPartial.Authority);

    private string OtherPort => $"http://127.0.0.1:{(Host.BaseAddress.Port == 9 ? 10 : 9)}";

    // The dashboard's own host and port, but https: the dashboard speaks http here, so that is another origin.
    private string HttpsSelf => $"https://{Host.BaseAddress.Authority}";

    private string Resolve(string source) => source switch
    {
        "other-port" => OtherPort,
        "https-self" => HttpsSelf,
        _ => source,
    };

    public static TheoryData<string, string?, string?, string> Refused => new()
    {
        // header, Origin, Referer, what the refusal names
        { "none", null, null, "X-Requested-With" },
        { "XMLHttpRequest", null, null, "Origin or Referer" },
        { "XMLHttpRequest", "other-port", null, "came from" },
        { "XMLHttpRequest", null, "other-port", "came from" },
        { "XMLHttpRequest", "null", null, "came from" },
        { "XMLHttpRequest", "https-self", null, "came from" },
        { "XMLHttpRequest", null, "https-self", "came from" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task CookiePost_WithoutHeaderOrFromAnotherOrigin_Is403ProblemAndCreatesNothing(string header, string? origin, string? referer, string named)
    {
        using var browser = await SecurityClients.SignedInAsync(Host, "Admin");
        DashboardHost.AsPlainClient(browser);
        var before = (await browser.GetFromJsonAsync<JsonElement>("/api/tokens")).GetArrayLength();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "csrf" }) };
        if (header != "none")
        {
            request.Headers.Add("X-Requested-With", header);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", Resolve(origin));
        }

        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(Resolve(referer) + "/attack.html");
        }

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await SecurityClients.ProblemAsync(response);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await browser.GetFromJsonAsync<JsonElement>("/api/tokens")).GetArrayLength());
    }

    [Fact]
    public async Task CookiePost_SameOriginWithOnlyAReferer_IsAccepted()
    {
        using var browser = await SecurityClients.SignedInAsync(Host, "Admin");
        DashboardHost.AsPlainClient(browser);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "referer-only" }) };
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        request.Headers.Referrer = new Uri(Host.BaseAddress, "/settings?tab=tokens");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("Bearer dsh_not-a-real-token")]
    [InlineData("Bearer")]
    [InlineData("bearer    ")]
    public async Task InvalidBearerHeader_WithAValidCookie_Is401_NeverFallsBackToTheCookie(string authorization)
    {
        using var browser = await SecurityClients.SignedInAsync(Host, "Admin");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
        var before = (await browser.GetFromJsonAsync<JsonElement>("/api/tokens")).GetArrayLength();

        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        read.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var readAnswer = await browser.SendAsync(read);
        using var write = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "via-fallback" }) };
        write.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var writeAnswer = await browser.SendAsync(write);

        Assert.Equal(HttpStatusCode.Unauthorized, readAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, writeAnswer.StatusCode);
        Assert.Equal(before, (await browser.GetFromJsonAsync<JsonElement>("/api/tokens")).GetArrayLength());
    }

    [Fact]
    public async Task CookieBodylessPostAndDelete_FromAPlainForm_AreRefusedBeforeTheyAct()
    {
        using var browser = await SecurityClients.SignedInAsync(Host, "Admin");
        using var created = await browser.PostAsJsonAsync("/api/tokens", new { name = "kept" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        DashboardHost.AsPlainClient(browser);

        // What a form on another port can send: no custom header, its own origin.
        using var cancel = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{Guid.NewGuid()}/cancel");
        cancel.Headers.Add("Origin", OtherPort);
        using var cancelled = await browser.SendAsync(cancel);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/tokens/{id}");
        delete.Headers.Add("Origin", OtherPort);
        using var deleted = await browser.SendAsync(delete);

        // Before the fix the cancel answered 409 (it ran) and the delete 204.
        Assert.Equal(HttpStatusCode.Forbidden, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleted.StatusCode);
        var tokens = await browser.GetFromJsonAsync<JsonElement>("/api/tokens");
        Assert.Equal("kept", tokens.EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == id).GetProperty("name").GetString());
        Assert.True(tokens.EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == id).GetProperty("revokedAt").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task CookiePost_SameOriginScript_IsAccepted_AndSafeMethodsNeedNothing()
    {
        using var browser = await SecurityClients.SignedInAsync(Host, "Admin");
        using var created = await browser.PostAsJsonAsync("/api/tokens", new { name = "same-origin" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        DashboardHost.AsPlainClient(browser);
        using var read = await browser.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task BearerPost_FromAnyOriginWithoutHeader_IsUnaffected()
    {
        using var api = SecurityClients.Bearer(Host, AppFixture.BootstrapToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users")
        {
            Content = JsonContent.Create(new { userName = "bearer-" + Guid.NewGuid().ToString("N")[..6], password = "bearer-password-123", role = "Viewer" }),
        };
        request.Headers.Add("Origin", OtherPort);
        using var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Logout_WithoutTheAntiforgeryToken_Is400AndTheSessionLives()
    {
        using var browser = await SecurityClients.SignedInAsync(Host, "Viewer");
        using var form = new FormUrlEncodedContent([]);
        using var forged = await browser.PostAsync("/account/logout", form);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);

        var token = await SecurityClients.AntiforgeryTokenAsync(browser, "/settings");
        using var real = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var signedOut = await browser.PostAsync("/account/logout", real);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task BlazorHub_FromAnotherOrigin_IsRefused_FromItsOwnIsNot()
    {
        using var browser = await SecurityClients.SignedInAsync(Host, "Viewer");
        DashboardHost.AsPlainClient(browser);
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", OtherPort);
        using var refused = await browser.SendAsync(foreign);
        using var own = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", SelfOrigin);
        using var accepted = await browser.SendAsync(own);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }
}
