using System.Net;

namespace Dashboard.Web.Tests.Wizard;

/// <summary>The wizard's pages are for signed-in users only, like every other page.</summary>
public sealed class WizardPagesAccessTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/targets")]
    [InlineData("/setup/sandbox")]
    public async Task Page_Anonymous_RedirectsToLogin(string route)
    {
        using var client = fixture.Host.CreateClient();
        using var response = await client.GetAsync(route);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_SignedIn_PrerendersWithoutTouchingTheCluster()
    {
        using var client = fixture.Host.CreateClient();
        await Dashboard.Web.Testing.DashboardHost.LoginAsync(client);

        var html = await client.GetStringAsync("/setup/sandbox");

        // The cluster is read once the circuit is live, not while prerendering.
        Assert.Contains("data-testid=\"wizard-loading\"", html, StringComparison.Ordinal);
        Assert.Contains("Reading the cluster", html, StringComparison.Ordinal);
    }
}
