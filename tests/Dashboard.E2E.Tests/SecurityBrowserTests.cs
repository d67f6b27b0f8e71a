using System.Text.RegularExpressions;
using Dashboard.Web.Testing;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>
/// Issue 12 in a real browser: the Content Security Policy lets every page work without a single violation, an
/// open tab loses access soon after its session is signed out in another tab, and a new token's copy button copies.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SecurityBrowserTests(BrowserFixture browser)
{
    private const string CollectViolations =
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' blocked ' + e.blockedURI));";

    [Fact]
    public async Task EveryPage_UnderTheContentSecurityPolicy_HasNoViolationsOrScriptErrors()
    {
        await using var host = await DashboardHost.StartAsync(E2E.SandboxSettings(TimeSpan.FromSeconds(1)));
        await using var context = await E2E.NewContextAsync(browser.Browser, host);
        await context.AddInitScriptAsync(CollectViolations);
        var problems = new List<string>();
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"{page.Url}: console: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"{page.Url}: page error: {error}");

        await page.GotoAsync("/login");
        await Violations(page, problems);
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(DashboardHost.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await E2E.WaitForCircuitAsync(page);

        foreach (var path in new[] { "/", "/targets", "/setup", "/setup/sandbox", "/certificates", "/health", "/cleanup", "/background-jobs", "/audit", "/settings" })
        {
            await page.GotoAsync(path);
            await E2E.WaitForCircuitAsync(page);
            await Violations(page, problems);
        }

        // The Settings tabs and a MudBlazor popover (the role picker) render more components and inline styles.
        foreach (var tab in new[] { "Sessions", "Password", "Users", "API tokens" })
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
            await Violations(page, problems);
        }

        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.GotoAsync("/jobs");
        await Violations(page, problems);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task OpenTab_SignedOutInAnotherTab_IsSentToTheSignInPageWithinTheRevalidationInterval()
    {
        var settings = E2E.SandboxSettings(TimeSpan.FromSeconds(1));
        settings["Sandbox:Mode"] = "Off";
        settings["Auth:CircuitRevalidationInterval"] = "00:00:02";
        await using var host = await DashboardHost.StartAsync(settings);
        await using var context = await E2E.NewContextAsync(browser.Browser, host);
        var open = await E2E.SignInAsync(context, "/settings");
        await Assertions.Expect(open.GetByTestId("user-chip")).ToContainTextAsync("admin");

        var other = await context.NewPageAsync();
        await other.GotoAsync("/");
        await E2E.WaitForCircuitAsync(other);
        await other.GetByTestId("logout").ClickAsync();
        await Assertions.Expect(other).ToHaveURLAsync(LoginUrl());

        // Before the fix the open tab stayed signed in (and could still create tokens) until its cookie expired.
        await Assertions.Expect(open).ToHaveURLAsync(LoginUrl(), new() { Timeout = 20_000 });
        await Assertions.Expect(open.GetByTestId("login-submit")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task NewToken_CopyButton_PutsTheTokenOnTheClipboard()
    {
        var settings = E2E.SandboxSettings(TimeSpan.FromSeconds(1));
        settings["Sandbox:Mode"] = "Off";
        await using var host = await DashboardHost.StartAsync(settings);
        await using var context = await E2E.NewContextAsync(browser.Browser, host);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await E2E.SignInAsync(context, "/settings");

        await page.GetByTestId("token-name").FillAsync("clipboard");
        await page.GetByTestId("token-create").ClickAsync();
        var token = (await page.GetByTestId("new-token-value").TextContentAsync())!.Trim();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy the token" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Token copied to the clipboard.")).ToBeVisibleAsync();
        Assert.Equal(token, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Assertions.Expect(page.GetByTestId("new-token")).ToContainTextAsync("it expires on");
    }

    private static async Task Violations(IPage page, List<string> problems)
    {
        foreach (var violation in await page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []"))
        {
            problems.Add($"{page.Url}: CSP: {violation}");
        }
    }

    [GeneratedRegex("/login")]
    private static partial Regex LoginUrl();
}
