using Dashboard.Web.Testing;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ShellTests(BrowserFixture browser) : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Shell_LoginNavigateThemeJobsLogout_Works()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
            ColorScheme = ColorScheme.Light,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        // Anonymous: the app sends us to the login page.
        await page.GotoAsync("/settings");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(DashboardHost.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();

        // Signed in, back where we wanted to go, with the whole navigation.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/settings$"));
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        foreach (var item in new[] { "Overview", "Targets", "Setup", "Certificates", "Health", "Cleanup", "Jobs", "Audit", "Settings" })
        {
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = item, Exact = true })).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.GetByTestId("user-chip")).ToContainTextAsync("admin");
        await WaitForCircuitAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "shell-settings-light.png"), FullPage = true });

        // Pages that do not exist yet say so; Setup lets the user choose a cluster.
        await nav.GetByRole(AriaRole.Link, new() { Name = "Health", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("not-yet-available")).ToContainTextAsync("not available yet");
        await nav.GetByRole(AriaRole.Link, new() { Name = "Setup", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("target-chooser")).ToBeVisibleAsync();

        // Theme: the background turns dark, and stays dark after a reload (remembered per browser).
        var lightBackground = await BodyBackgroundAsync(page);
        await page.GetByTestId("theme-toggle").ClickAsync();
        await WaitForAsync(async () => await BodyBackgroundAsync(page) != lightBackground);
        var darkBackground = await BodyBackgroundAsync(page);
        Assert.True(IsDark(darkBackground), darkBackground);
        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        await WaitForAsync(async () => IsDark(await BodyBackgroundAsync(page)));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "shell-setup-dark.png"), FullPage = true });

        // Jobs: the summary page, then Hangfire's own dashboard.
        await nav.GetByRole(AriaRole.Link, new() { Name = "Jobs", Exact = true }).ClickAsync();
        await WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("job-counts")).ToContainTextAsync("Servers");
        await page.GetByTestId("open-hangfire").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/jobs/?$"));
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Dashboard jobs");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "hangfire.png"), FullPage = true });

        // Sign out from the app bar.
        await page.GotoAsync("/");
        await WaitForCircuitAsync(page);
        await page.GetByTestId("logout").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await Assertions.Expect(page.GetByTestId("login-message")).ToContainTextAsync("signed out");
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }

    // Server-rendered markup appears before the circuit is live; clicks before then would be lost.
    private static Task WaitForCircuitAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("circuit-ready")).ToBeAttachedAsync(new() { Timeout = 30_000 });

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    // rgb(r, g, b): dark when the average channel is low.
    private static bool IsDark(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(', StringComparison.Ordinal) + 1)..rgb.IndexOf(')', StringComparison.Ordinal)].Split(',');
        return parts.Take(3).Average(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)) < 100;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 20 s");
            await Task.Delay(100);
        }
    }
}
