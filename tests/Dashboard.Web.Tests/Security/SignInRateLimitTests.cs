using System.Net;
using System.Net.Http.Headers;
using Dashboard.Web.Security;
using Dashboard.Web.Testing;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Review of issue 12, point 6 and the rate limiter's rejection: an IPv6 client is one /64, not 2^64 clients, and a
/// rejected request with a body that is no readable form still gets the sign-in page, not a 500.
/// </summary>
public sealed class SignInRateLimitTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::1", "::/64")]
    public void Partition_IPv4ByAddress_IPv6ByItsSlash64(string address, string partition) =>
        Assert.Equal(partition, ClientPartition.Of(IPAddress.Parse(address)));

    [Fact]
    public async Task IPv6_AddressesOfOne64_ShareABucket_AnotherPrefixHasItsOwn()
    {
        await using var host = await StartAsync(("ForwardedHeaders:KnownProxies:0", "127.0.0.1"), ("Auth:SignInAttemptsPerMinute", "2"));
        for (var i = 1; i <= 2; i++)
        {
            using var attempt = await LoginViaAsync(host, $"2001:db8:1:2::{i:x}", "wrong-password");
            Assert.Equal(HttpStatusCode.Redirect, attempt.StatusCode);
        }

        // A fresh address from the same /64: before the fix a new bucket, so a guesser never ran out.
        using var limited = await LoginViaAsync(host, "2001:db8:1:2:ffff:ffff:ffff:ffff", "wrong-password");
        Assert.Equal(HttpStatusCode.SeeOther, limited.StatusCode);

        using var elsewhere = await LoginViaAsync(host, "2001:db8:1:3::1", DashboardHost.AdminPassword);
        Assert.Equal("/", elsewhere.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("multipart/form-data", "--no-boundary-declared")]
    [InlineData("multipart/form-data; boundary=cut", "--cut\r\nContent-Disposition: form-data; name=\"userName\"\r\n\r\nadmin")]
    public async Task Rejected_WithABodyThatIsNoReadableForm_GetsTheSignInPage_NotA500(string contentType, string body)
    {
        await using var host = await StartAsync(("Auth:SignInAttemptsPerMinute", "1"));
        using var client = host.CreateClient();
        (await DashboardHost.LoginAsync(client, "admin", "wrong-password")).Dispose();

        using var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var rejected = await client.PostAsync("/account/login", content);

        Assert.Equal(HttpStatusCode.SeeOther, rejected.StatusCode);
        Assert.Equal("/login?returnUrl=%2F", rejected.Headers.Location!.OriginalString);
        Assert.NotNull(rejected.Headers.RetryAfter);
    }

    private static Task<DashboardHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Sandbox:Mode"] = "Off" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return DashboardHost.StartAsync(all);
    }

    private static async Task<HttpResponseMessage> LoginViaAsync(DashboardHost host, string client, string password)
    {
        using var http = host.CreateClient();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        return await DashboardHost.LoginAsync(http, "admin", password);
    }
}
