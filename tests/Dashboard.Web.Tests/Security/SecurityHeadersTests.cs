using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Web.Testing;

namespace Dashboard.Web.Tests.Security;

/// <summary>Security headers on every response: pages, /api, static files, errors and Hangfire's /jobs.</summary>
public sealed partial class SecurityHeadersTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<string, bool> Routes => new()
    {
        { "/login", false },
        { "/", true },
        { "/settings", true },
        { "/app.css", false },
        { "/_framework/blazor.web.js", false },
        { "/api/me", true },
        { "/api/no-such-thing", true },
        { "/healthz", false },
        { "/jobs", true },
        { "/no-such-page", true },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string route, bool signedIn)
    {
        using var client = fixture.Host.CreateClient();
        if (signedIn)
        {
            (await DashboardHost.LoginAsync(client)).Dispose();
        }

        using var response = await client.GetAsync(route);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_ScriptPolicy_AdmitsOnlyOwnFilesAndThisResponsesImportMap()
    {
        using var client = fixture.Host.CreateClient();
        (await DashboardHost.LoginAsync(client)).Dispose();
        using var response = await client.GetAsync("/settings");
        var csp = Header(response, "Content-Security-Policy");
        var html = await response.Content.ReadAsStringAsync();

        var nonce = Nonce().Match(csp);
        Assert.True(nonce.Success, csp);
        Assert.DoesNotContain("'unsafe-inline'", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        // Every inline script of the page carries the nonce; scripts with a src are the app's own files.
        foreach (Match script in Regex.Matches(html, "<script(?<attributes>[^>]*)>"))
        {
            var attributes = script.Groups["attributes"].Value;
            Assert.True(attributes.Contains("src=\"_", StringComparison.Ordinal) || attributes.Contains($"nonce=\"{nonce.Groups[1].Value}\"", StringComparison.Ordinal), script.Value);
        }

        using var again = await client.GetAsync("/settings");
        Assert.NotEqual(nonce.Groups[1].Value, Nonce().Match(Header(again, "Content-Security-Policy")).Groups[1].Value);
    }

    [Fact]
    public async Task ApiFailure_ErrorResponse_KeepsTheHeaders()
    {
        using var api = SecurityClients.Bearer(fixture.Host, AppFixture.BootstrapToken);
        using var response = await api.PutAsync("/api/tokens", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content)
        : throw new Xunit.Sdk.XunitException($"{response.RequestMessage!.RequestUri} has no {name} header");

    [GeneratedRegex("'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex Nonce();
}
