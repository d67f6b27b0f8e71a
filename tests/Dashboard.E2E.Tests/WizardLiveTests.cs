using System.Diagnostics;
using System.Text.RegularExpressions;
using Dashboard.Web.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.E2E.Tests;

/// <summary>
/// The Legacy profile with "Apply all remaining": a second browser watching the same wizard sees the run live, the
/// first reloads in the middle of the nlb-dns wait and finds the run going on, and both verifications pass.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class WizardLiveTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Wizard_LegacyApplyAllRemaining_SecondBrowserLiveAndReloadMidRun()
    {
        var settings = E2E.SandboxSettings(TimeSpan.FromSeconds(6));
        settings["Sandbox:Kubernetes:Flavour"] = "Legacy";
        await using var host = await DashboardHost.StartAsync(settings);

        await using var operatorContext = await E2E.NewContextAsync(browser.Browser, host);
        var page = await E2E.SignInAsync(operatorContext, "/setup/sandbox");
        await Assertions.Expect(page.GetByTestId("panel-Profile")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("profile-istioApi")).ToContainTextAsync("As detected: Legacy");
        await Assertions.Expect(page.GetByTestId("profile-albFlavour")).ToContainTextAsync("As detected: IbmIngress");

        // A second browser (its own sign-in, dark theme, wide screen) watches the same wizard.
        await using var watcherContext = await E2E.NewContextAsync(browser.Browser, host, E2E.Wide, ColorScheme.Dark);
        var watcher = await E2E.SignInAsync(watcherContext, "/setup/sandbox");
        await Assertions.Expect(watcher.GetByTestId("run-bar")).ToContainTextAsync("No run yet", new() { Timeout = 60_000 });

        var clock = Stopwatch.StartNew();
        await page.GetByTestId("apply-all").ClickAsync();
        // Within a second of the click (the clock includes the click's own round trip).
        await Assertions.Expect(watcher.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", ActiveState(), new() { Timeout = 1_000 });
        var reachedWatcher = clock.Elapsed;
        output.WriteLine($"The run reached the second browser {reachedWatcher.TotalMilliseconds:F0} ms after the click in the first.");
        Assert.True(reachedWatcher < TimeSpan.FromSeconds(1), $"the run reached the second browser after {reachedWatcher.TotalMilliseconds:F0} ms");

        // The nlb-dns wait, seen live by the watcher on the panel it opens (tab names start with the panel's number).
        await watcher.GetByRole(AriaRole.Tab, new() { NameRegex = RegisterTab() }).ClickAsync();
        try
        {
            await E2E.ExpectStateAsync(watcher, "nlb-certificate", "Waiting");
        }
        catch (PlaywrightException)
        {
            await E2E.ScreenshotAsync(watcher, "debug-watcher");
            await E2E.ScreenshotAsync(page, "debug-operator");
            throw new InvalidOperationException("watcher: " + await watcher.GetByTestId("run-bar").InnerTextAsync() + "\noperator: " + await page.GetByTestId("run-bar").InnerTextAsync());
        }
        await Assertions.Expect(watcher.GetByTestId("wait-status")).ToHaveTextAsync(new Regex("creating|pending"));
        await E2E.ScreenshotAsync(watcher, "10-legacy-wait-dark-wide");

        // The operator leaves in the middle of the wait; the page that comes back shows the same run going on.
        await Assertions.Expect(page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "Waiting");
        var runMeta = await page.GetByTestId("run-meta").InnerTextAsync();
        await page.ReloadAsync();
        await E2E.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", ActiveState(), new() { Timeout = 10_000 });
        Assert.Equal(RunId(runMeta), RunId(await page.GetByTestId("run-meta").InnerTextAsync()));
        await E2E.ScreenshotAsync(page, "11-legacy-after-reload");

        // It ends by itself; both browsers see it without reloading.
        await Assertions.Expect(page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 60_000 });
        await Assertions.Expect(watcher.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 5_000 });
        await Assertions.Expect(watcher.GetByTestId("run-progress-text")).ToHaveTextAsync("15 of 15 steps done");

        // Legacy restarts the gateway pods; both verifications pass with the teapot.
        await watcher.GetByRole(AriaRole.Tab, new() { NameRegex = ConfigureGatewayTab() }).ClickAsync();
        await E2E.ExpectStateAsync(watcher, "gateway-reload", "Done");
        await watcher.GetByRole(AriaRole.Tab, new() { NameRegex = VerifyTab() }).ClickAsync();
        await E2E.ExpectStateAsync(watcher, "verify-gateway", "Passed");
        await E2E.ExpectStateAsync(watcher, "verify-alb", "Passed");
        await Assertions.Expect(E2E.Step(watcher, "verify-alb").GetByTestId("response-body")).ToContainTextAsync("-=[ teapot ]=-");
        await Assertions.Expect(E2E.Step(watcher, "verify-gateway").GetByTestId("probe").Nth(1)).ToContainTextAsync("refused in the TLS handshake");
        await E2E.ScreenshotAsync(watcher, "12-legacy-verified-dark-wide");

        // Readable in both themes: the watcher is dark, the operator light.
        Assert.Empty(await Contrast.FailuresAsync(watcher));
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = VerifyTab() }).ClickAsync();
        Assert.Empty(await Contrast.FailuresAsync(page));
    }

    private static string RunId(string meta) => RunPattern().Match(meta).Groups[1].Value;

    [GeneratedRegex("^(Pending|Running|Waiting)$")]
    private static partial Regex ActiveState();

    [GeneratedRegex(@"run ([0-9a-f]{8})")]
    private static partial Regex RunPattern();

    [GeneratedRegex("Register the gateway")]
    private static partial Regex RegisterTab();

    [GeneratedRegex("Configure the gateway")]
    private static partial Regex ConfigureGatewayTab();

    [GeneratedRegex("Verify")]
    private static partial Regex VerifyTab();
}
