using System.Text.RegularExpressions;
using Dashboard.Sandbox;
using Dashboard.Web.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>
/// A new user's walk through the wizard in the sandbox (Current profile), step by step: preview, diff and commands
/// before each apply, the nlb-dns wait, both verifications with the teapot; then the overview and the targets page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class WizardStepByStepTests(BrowserFixture browser)
{
    private static readonly string[] s_panels = ["PrepareTheMesh", "RegisterTheGatewaysDnsName", "BuildTheSecrets", "ConfigureTheGateway", "ConfigureTheAlb", "Verify"];

    [Fact]
    public async Task Wizard_CurrentProfileStepByStep_BothVerificationsPassWithTheTeapot()
    {
        await using var host = await DashboardHost.StartAsync(E2E.SandboxSettings(TimeSpan.FromSeconds(3)));
        await using var context = await E2E.NewContextAsync(browser.Browser, host);
        var page = await E2E.SignInAsync(context, "/setup");

        // Choose the sandbox; the wizard opens on the detected profile with its evidence.
        await page.GetByTestId("choose-sandbox").ClickAsync();
        await Assertions.Expect(page.GetByTestId("panel-Profile")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("profile-istioApi")).ToContainTextAsync("As detected: Current");
        await Assertions.Expect(page.GetByTestId("profile-istioApi")).ToContainTextAsync("security.istio.io serves");
        await E2E.ScreenshotAsync(page, "01-profile");
        Assert.Empty(await Contrast.FailuresAsync(page));

        // Prepare the mesh, reached with the keyboard: Tab to the panel's Next button (focus visible), Enter.
        var next = await FocusWithKeyAsync(page, "Tab", "the Next button", "e => e.matches('[data-testid=panel-next]') && e.textContent.includes('Next: Prepare the mesh')");
        Assert.NotEqual("none", next.Outline);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("panel-PrepareTheMesh")).ToBeVisibleAsync();

        // The first step's YAML, diff and commands are open before anything is applied.
        var ns = E2E.Step(page, "namespace");
        await Assertions.Expect(ns.GetByTestId("yaml-preview")).ToContainTextAsync("istio-injection: enabled");
        await ns.GetByRole(AriaRole.Tab, new() { NameRegex = DiffTab() }).ClickAsync();
        await Assertions.Expect(ns.GetByTestId("diff")).ToContainTextAsync("+  name: httptools");
        await E2E.ScreenshotAsync(page, "02-prepare-diff");
        await ns.GetByRole(AriaRole.Tab, new() { NameRegex = CommandsTab() }).ClickAsync();
        await Assertions.Expect(ns.GetByTestId("commands")).ToContainTextAsync("kubectl create namespace httptools");

        foreach (var step in new[] { "namespace", "httpbin", "mtls-policy" })
        {
            await ApplyAsync(page, step, "Done");
        }

        // Keyboard only: Tab reaches the next step's Apply (named for its step, focus visible), Enter applies it.
        var focused = await FocusWithKeyAsync(page, "Tab", "Apply of step 4", "e => e.getAttribute('aria-label') === 'Apply step 4: Use Istio mutual TLS towards the namespace'");
        Assert.NotEqual("none", focused.Outline);
        await page.Keyboard.PressAsync("Enter");
        await E2E.ExpectStateAsync(page, "destination-rule", "Done");

        await E2E.ScreenshotAsync(page, "03-prepare-done");

        // Register the gateway's DNS name, through the stepper's own header with the keyboard: back up with Shift+Tab to
        // the panel's tab (focus visible), Enter. Steps 5 and 6 only read; 7 registers; 8 waits for IKS in the background.
        var header = await FocusWithKeyAsync(page, "Shift+Tab", "the stepper's header of 'Register the gateway's DNS name'",
            "e => e.closest('[data-testid=stepper]') !== null && e.getAttribute('role') === 'tab' && e.textContent.includes(\"Register the gateway's DNS name\")");
        Assert.NotEqual("none", header.Outline);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("panel-RegisterTheGatewaysDnsName")).ToBeVisibleAsync();
        await E2E.ExpectStateAsync(page, "alb-facts", "Done");
        await E2E.ExpectStateAsync(page, "gateway-address", "Done");
        await Assertions.Expect(E2E.Step(page, "gateway-address").GetByTestId("facts")).ToContainTextAsync("Gateway address");
        await ApplyAsync(page, "nlb-dns", "Done");
        await E2E.Step(page, "nlb-certificate").GetByTestId("apply").ClickAsync();
        await E2E.ExpectStateAsync(page, "nlb-certificate", "Waiting");
        await Assertions.Expect(page.GetByTestId("wait-status")).ToHaveTextAsync(new Regex("creating|pending|created"));
        await Assertions.Expect(page.GetByTestId("wait-timing")).ToContainTextAsync("next check");
        await E2E.ScreenshotAsync(page, "04-nlb-dns-wait");
        await E2E.ExpectStateAsync(page, "nlb-certificate", "Done");

        // Build the secrets: keys and certificate summaries only, never key material.
        await NextPanelAsync(page, "BuildTheSecrets");
        var secrets = E2E.Step(page, "secrets");
        await secrets.GetByTestId("details-toggle").ClickAsync();
        await Assertions.Expect(secrets.GetByTestId("yaml-preview").Filter(new() { HasText = "private key (" })).ToContainTextAsync("never shown");
        await E2E.ScreenshotAsync(page, "05-secrets-preview");
        Assert.DoesNotMatch("PRIVATE KEY-----|LS0tLS1CRUdJTi", await page.ContentAsync());
        await ApplyAsync(page, "secrets", "Done");

        // Configure the gateway; the pod restart is not needed with credentialName (SDS).
        await NextPanelAsync(page, "ConfigureTheGateway");
        await ApplyAsync(page, "gateway", "Done");
        await ApplyAsync(page, "virtual-service", "Done");
        await E2E.ExpectStateAsync(page, "gateway-reload", "NotNeeded");

        await NextPanelAsync(page, "ConfigureTheAlb");
        await ApplyAsync(page, "ingress", "Done");

        // Verify: the teapot through the gateway and through the ALB, the served certificates, the refused handshake.
        await NextPanelAsync(page, "Verify");
        await ApplyAsync(page, "verify-gateway", "Passed");
        await ApplyAsync(page, "verify-alb", "Passed");
        var gateway = E2E.Step(page, "verify-gateway");
        await Assertions.Expect(gateway.GetByTestId("response-body").First).ToContainTextAsync("-=[ teapot ]=-");
        await Assertions.Expect(gateway.GetByTestId("served-certificate").First).ToContainTextAsync(new Regex("CN=.+, serial [0-9A-F]+, expires \\d{4}-"));
        await Assertions.Expect(gateway.GetByTestId("probe").Nth(1)).ToContainTextAsync("refused in the TLS handshake, as it must be");
        var alb = E2E.Step(page, "verify-alb");
        await Assertions.Expect(alb.GetByTestId("response-body")).ToContainTextAsync("-=[ teapot ]=-");
        await Assertions.Expect(alb.GetByTestId("served-certificate")).ToContainTextAsync("containers.appdomain.cloud");
        await E2E.ScreenshotAsync(page, "06-verified");
        Assert.DoesNotMatch("PRIVATE KEY-----|LS0tLS1CRUdJTi|   at [A-Za-z.]+\\(", await page.ContentAsync());

        // The overview shows the target set up, linked into the wizard.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("overview-sandbox").GetByTestId("setup-state")).ToHaveAttributeAsync("data-state", "Complete");
        await E2E.ScreenshotAsync(page, "07-overview");
        await page.GetByTestId("overview-sandbox").GetByTestId("open-setup").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/setup/sandbox$"));
        await Assertions.Expect(page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "Succeeded");
        // Nothing remains: the run bar says so instead of offering a run with nothing to do.
        await Assertions.Expect(page.GetByTestId("apply-all")).ToHaveTextAsync("Everything is applied");
        await Assertions.Expect(page.GetByTestId("apply-all")).ToBeDisabledAsync();

        // The targets page: what works, including the Istio version and the ALB flavour.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Targets", Exact = true }).ClickAsync();
        var sandbox = page.GetByTestId("target-sandbox");
        await Assertions.Expect(sandbox.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "ok", new() { Timeout = 30_000 });
        await Assertions.Expect(sandbox.GetByTestId("check-istio")).ToContainTextAsync(new Regex("Istio \\d+\\.\\d+"));
        await Assertions.Expect(sandbox.GetByTestId("check-alb")).ToContainTextAsync("IngressNginx");
        await Assertions.Expect(sandbox.GetByTestId("api-key-state")).ToHaveTextAsync("set");
        await E2E.ScreenshotAsync(page, "08-targets");
        Assert.Empty(await Contrast.FailuresAsync(page, minimumChecked: 15));
        await SwitchThemeAsync(page, dark: true);
        await E2E.ScreenshotAsync(page, "08-targets-dark");
        Assert.Empty(await Contrast.FailuresAsync(page, minimumChecked: 15));
        await SwitchThemeAsync(page, dark: false);

        // An admin adds a cluster from an uploaded kubeconfig: its contexts are listed, the API key is write-only, and
        // the connection test says what does not work (IKS, unreachable here) and how to fix it.
        await page.GetByTestId("add-target").ClickAsync();
        await page.GetByTestId("target-name").FillAsync("prod-us-south");
        await page.Locator("input[type=file]").SetInputFilesAsync(host.Services.GetRequiredService<SandboxEnvironment>().KubeconfigPath!);
        await page.GetByTestId("kubeconfig-context").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option).Filter(new() { HasText = "https://127.0.0.1" })).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId("iks-cluster").FillAsync("prod-us-south");
        await page.GetByTestId("api-key").FillAsync(ApiKey);
        await E2E.ScreenshotAsync(page, "09-add-target");
        await page.GetByTestId("target-save").ClickAsync();
        var added = page.GetByTestId("target-prod-us-south");
        await Assertions.Expect(added.GetByTestId("api-key-state")).ToHaveTextAsync("set");
        await added.GetByTestId("test-connection").ClickAsync();
        await Assertions.Expect(added.GetByTestId("check-kubernetes")).ToHaveAttributeAsync("data-ok", "true");
        await Assertions.Expect(added.GetByTestId("check-iks")).ToHaveAttributeAsync("data-ok", "false");
        await Assertions.Expect(added.GetByTestId("check-iks")).ToContainTextAsync("Fix:");
        Assert.DoesNotContain(ApiKey, await page.ContentAsync(), StringComparison.Ordinal);
        await E2E.ScreenshotAsync(page, "09-targets-with-a-problem");
    }

    private const string ApiKey = "e2e-api-key-0123456789abcdefghij";

    private static async Task ApplyAsync(IPage page, string stepId, string expected)
    {
        var step = E2E.Step(page, stepId);
        try
        {
            await Assertions.Expect(step.GetByTestId("apply")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            await E2E.ScreenshotAsync(page, "failure-" + stepId);
            throw new InvalidOperationException($"Apply of {stepId} stays disabled: {await step.InnerTextAsync()}\nRun bar: {await page.GetByTestId("run-bar").InnerTextAsync()}");
        }

        await step.GetByTestId("apply").ClickAsync();
        await E2E.ExpectStateAsync(page, stepId, expected);
    }

    /// <summary>
    /// Presses <paramref name="key"/> (Tab or Shift+Tab) until the focused element matches <paramref name="predicate"/>
    /// (a JavaScript function of the element); returns its outline style, so the caller can check focus is visible.
    /// </summary>
    private static async Task<(int Presses, string Outline)> FocusWithKeyAsync(IPage page, string key, string what, string predicate)
    {
        const int limit = 80;
        for (var presses = 1; presses <= limit; presses++)
        {
            await page.Keyboard.PressAsync(key);
            var matches = await page.EvaluateAsync<bool>($"() => {{ const e = document.activeElement; return !!e && ({predicate})(e); }}");
            if (matches)
            {
                return (presses, await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
            }
        }

        Assert.Fail($"{what} was not reached with {limit} presses of {key}");
        return default;
    }

    // The app bar's switch; the page's own background says when the theme has been applied.
    private static async Task SwitchThemeAsync(IPage page, bool dark)
    {
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.WaitForFunctionAsync(
            "dark => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return (r + g + b < 3 * 128) === dark; }", dark);
    }

    private static async Task NextPanelAsync(IPage page, string panel)
    {
        await page.GetByTestId("panel-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("panel-" + panel)).ToBeVisibleAsync();
        Assert.Contains(panel, s_panels);
    }

    [GeneratedRegex("^Diff")]
    private static partial Regex DiffTab();

    [GeneratedRegex("^Commands")]
    private static partial Regex CommandsTab();
}
