using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dashboard.Web.Tests.Security;

/// <summary>Issue 12 item 7: a token created without a lifetime expires in 90 days; one that never expires is asked for explicitly.</summary>
public sealed class TokenLifetimeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task CreateToken_NoLifetime_Expires90DaysOut_NeverExpiresOnlyWhenAsked_BothIsRefused()
    {
        using var browser = await SecurityClients.SignedInAsync(fixture.Host, "Viewer");

        using var defaulted = await browser.PostAsJsonAsync("/api/tokens", new { name = "defaulted" });
        var expires = (await defaulted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expiresAt").GetDateTime();
        Assert.InRange(expires, DateTime.UtcNow.AddDays(90).AddMinutes(-5), DateTime.UtcNow.AddDays(90).AddMinutes(5));

        using var forever = await browser.PostAsJsonAsync("/api/tokens", new { name = "forever", neverExpires = true });
        Assert.Equal(JsonValueKind.Null, (await forever.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expiresAt").ValueKind);

        using var both = await browser.PostAsJsonAsync("/api/tokens", new { name = "both", lifetimeDays = 5, neverExpires = true });
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        var listed = await browser.GetFromJsonAsync<JsonElement>("/api/tokens");
        Assert.DoesNotContain(listed.EnumerateArray(), t => t.GetProperty("name").GetString() == "both");
        Assert.Contains("expires never", await SecurityClients.Bearer(fixture.Host, AppFixture.BootstrapToken).GetStringAsync("/api/audit?action=token.create&text=expires never"), StringComparison.Ordinal);
    }
}
