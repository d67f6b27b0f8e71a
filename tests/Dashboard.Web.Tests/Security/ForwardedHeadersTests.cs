using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Testing;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue 12 item 6: behind a TLS-terminating proxy the cookie keeps Secure, the audit log and the sign-in rate limit
/// see the client's address; headers from anyone but a configured proxy are ignored.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Client = "203.0.113.7";

    [Fact]
    public async Task KnownProxy_ForwardedClientAndHttps_SecureCookieAndTheClientAudited()
    {
        await using var host = await StartAsync(("ForwardedHeaders:KnownProxies:0", "127.0.0.1"));
        using var client = ViaProxy(host, Client, "https");
        using var login = await LoginAsync(client);

        Assert.Equal("/", login.Headers.Location!.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Client, await LastLoginAddressAsync(host));
    }

    [Fact]
    public async Task KnownNetwork_IsTrustedLikeAProxy()
    {
        await using var host = await StartAsync(("ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8"));
        using var client = ViaProxy(host, Client, "https");
        (await LoginAsync(client)).Dispose();
        Assert.Equal(Client, await LastLoginAddressAsync(host));
    }

    [Fact]
    public async Task UnknownSender_ForwardedHeadersIgnored_NoSpoofedAddressNoSecureClaim()
    {
        await using var host = await StartAsync(("ForwardedHeaders:KnownProxies:0", "192.0.2.1"));
        using var client = ViaProxy(host, Client, "https");
        using var login = await LoginAsync(client);

        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("127.0.0.1", await LastLoginAddressAsync(host));
    }

    [Fact]
    public async Task RequireSecureCookies_PlainHttp_CookiesStillSecure_UnderTheHostPrefix()
    {
        await using var host = await StartAsync(("Auth:RequireSecureCookies", "true"));
        using var client = host.CreateClient();
        using var login = await LoginAsync(client);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-dashboard.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequireSecureCookies_BehindTheProxy_TheHostPrefixedCookieSignsIn()
    {
        await using var host = await StartAsync(("Auth:RequireSecureCookies", "true"), ("ForwardedHeaders:KnownProxies:0", "127.0.0.1"));
        using var client = ViaProxy(host, Client, "https");
        using var login = await LoginAsync(client);
        Assert.Equal("/", login.Headers.Location!.OriginalString);

        using var me = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task RateLimit_BehindTheProxy_IsPerClientNotOneSharedBucket()
    {
        await using var host = await StartAsync(("ForwardedHeaders:KnownProxies:0", "127.0.0.1"), ("Auth:SignInAttemptsPerMinute", "2"));
        using var first = ViaProxy(host, "198.51.100.1", "http");
        for (var i = 0; i < 2; i++)
        {
            using var attempt = await LoginAsync(first, "wrong-password");
            Assert.Equal(HttpStatusCode.Redirect, attempt.StatusCode);
        }

        using var limited = await LoginAsync(first, "wrong-password");
        Assert.Equal(HttpStatusCode.SeeOther, limited.StatusCode);

        // Another client behind the same proxy has its own bucket (before, every user shared the proxy's).
        using var second = ViaProxy(host, "198.51.100.2", "http");
        using var allowed = await LoginAsync(second);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal("/", allowed.Headers.Location!.OriginalString);
    }

    private static Task<DashboardHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Auth:BootstrapApiToken"] = AppFixture.BootstrapToken, ["Sandbox:Mode"] = "Off" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return DashboardHost.StartAsync(all);
    }

    // The proxy speaks HTTPS to the browser and HTTP to the app: cookies marked Secure must still come back, which
    // HttpClient's own cookie container (seeing only the plain-HTTP hop) would refuse.
    private static HttpClient ViaProxy(DashboardHost host, string client, string scheme)
    {
        var http = new HttpClient(new CookieJar(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })) { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", scheme);
        return http;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string password = DashboardHost.AdminPassword) =>
        DashboardHost.LoginAsync(client, "admin", password);

    private static async Task<string?> LastLoginAddressAsync(DashboardHost host)
    {
        using var api = SecurityClients.Bearer(host, AppFixture.BootstrapToken);
        var audit = await api.GetFromJsonAsync<JsonElement>("/api/audit?action=auth.login&pageSize=1");
        return audit.GetProperty("items")[0].GetProperty("remoteAddress").GetString();
    }

    private sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly Dictionary<string, string> _cookies = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = setCookie.Split(';', 2)[0].Split('=', 2);
                _cookies[pair[0]] = pair[1];
            }

            return response;
        }
    }
}
