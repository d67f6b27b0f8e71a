using System.Text.RegularExpressions;
using Dashboard.Web.Testing;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>Shared steps of the browser tests: the sandbox app's settings, signing in, the circuit wait, screenshots.</summary>
internal static partial class E2E
{
    public static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    public static readonly ViewportSize Wide = new() { Width = 1920, Height = 1080 };

    /// <summary>
    /// The dashboard with its sandbox, fast but not instant: the nlb-dns certificate takes a few seconds, so the wait
    /// is there to see (and to reload the page in).
    /// </summary>
    public static Dictionary<string, string?> SandboxSettings(TimeSpan issueDelay) => new()
    {
        ["Sandbox:Mode"] = "On",
        ["Sandbox:Kubernetes:PodStartupDelay"] = "00:00:00.05",
        ["Sandbox:Kubernetes:PersistenceDebounce"] = "00:00:00.05",
        ["Sandbox:Iks:IssueDelay"] = issueDelay.ToString("c"),
        ["Setup:NlbPollInitialDelay"] = "00:00:00.5",
        ["Setup:NlbPollMaxDelay"] = "00:00:01",
        ["Setup:RolloutPollInterval"] = "00:00:00.05",
        ["Setup:VerifyRetryInterval"] = "00:00:00.2",
        ["Setup:VerifyTimeout"] = "00:00:30",
        ["Ibm:RetryBaseDelay"] = "00:00:00.05",

        // Targets other than the sandbox talk to "IBM Cloud" here: a closed loopback port, never the internet.
        ["Ibm:ApiBaseUrl"] = "http://127.0.0.1:9/global",
        ["Ibm:IamTokenUrl"] = "http://127.0.0.1:9/identity/token",
        ["Ibm:MaxRetries"] = "0",
        ["Jobs:PollInterval"] = "00:00:00.1",
    };

    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, DashboardHost host, ViewportSize? viewport = null, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = viewport ?? Laptop,
            ColorScheme = scheme,
        });
        context.SetDefaultTimeout(20_000);
        return context;
    }

    /// <summary>Signs in as admin on <paramref name="path"/> (the app redirects to the login page and back).</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl());
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(DashboardHost.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await WaitForCircuitAsync(page);
        return page;
    }

    // Server-rendered markup appears before the circuit is live; clicks before then would be lost.
    public static Task WaitForCircuitAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("circuit-ready")).ToBeAttachedAsync(new() { Timeout = 30_000 });

    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        // A full page is taken from the top, where the fixed app bar belongs. Playwright finishes finite transitions
        // (ripples, expanding panels) before it takes the picture, so it shows the state, not the animation.
        if (fullPage)
        {
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        }

        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"),
            FullPage = fullPage,
            Animations = ScreenshotAnimations.Disabled,
        });
    }

    public static ILocator Step(IPage page, string stepId) => page.GetByTestId("step-" + stepId);

    public static Task ExpectStateAsync(IPage page, string stepId, string state, int timeoutMs = 30_000) =>
        Assertions.Expect(Step(page, stepId)).ToHaveAttributeAsync("data-state", state, new() { Timeout = timeoutMs });

    [GeneratedRegex("/login")]
    private static partial Regex LoginUrl();
}
