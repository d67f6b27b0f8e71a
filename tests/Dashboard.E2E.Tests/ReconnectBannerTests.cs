using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Dashboard.Web.Testing;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>The reconnect banner, driven by Blazor itself: the circuit's connection is cut, then let back.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ReconnectBannerTests(BrowserFixture browser) : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ReconnectBanner_ConnectionCut_ShownUntilTheCircuitIsBack()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();

        // The circuit's WebSocket runs through Playwright, so the test can cut it; while cut, new connections (and the
        // negotiation a reconnect starts with) are refused, as when the server cannot be reached.
        var cut = false;
        var sockets = new ConcurrentQueue<(IWebSocketRoute Page, IWebSocketRoute Server)>();
        await page.RouteWebSocketAsync(BlazorHub(), socket =>
        {
            if (Volatile.Read(ref cut))
            {
                _ = socket.CloseAsync();
                return;
            }

            sockets.Enqueue((socket, socket.ConnectToServer()));
        });
        await page.RouteAsync(BlazorNegotiate(), async route =>
        {
            if (Volatile.Read(ref cut))
            {
                await route.AbortAsync();
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        await page.GotoAsync("/");
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(DashboardHost.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("circuit-ready")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        var banner = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(banner).ToBeHiddenAsync();
        Assert.NotEmpty(sockets);

        Volatile.Write(ref cut, true);
        foreach (var (pageSide, serverSide) in sockets)
        {
            await serverSide.CloseAsync();
            await pageSide.CloseAsync();
        }

        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToContainTextAsync(new Regex("Reconnecting|Could not reconnect"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "reconnect-banner.png") });

        // Let the connection back: Blazor reconnects the same circuit and the banner goes.
        Volatile.Write(ref cut, false);
        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 60_000 });
        // The circuit answers again: the theme switch works.
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.WaitForFunctionAsync("before => getComputedStyle(document.body).backgroundColor !== before", background);
    }

    [GeneratedRegex("/_blazor(\\?|$)")]
    private static partial Regex BlazorHub();

    [GeneratedRegex("/_blazor/negotiate")]
    private static partial Regex BlazorNegotiate();
}
