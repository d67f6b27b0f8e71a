using Dashboard.Testing;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>
/// Debian's Chromium (installed by test.sh) driven by Playwright; Playwright's own browser download cannot work here.
/// The flags keep Chromium from reaching out to the network: tests talk to loopback only.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// Where the screenshots of every stage go: <c>DASHBOARD_SCREENSHOTS</c> (test.sh sets it under its results
    /// directory), else the repository's <c>artifacts/test-results/screenshots</c>.
    /// </summary>
    public static string ScreenshotDirectory { get; } = ResolveScreenshotDirectory();

    public async Task InitializeAsync()
    {
        // Pictures of an earlier run would pass for this one's: only this run's stay. Only screenshots are removed,
        // whatever directory the variable names.
        Directory.CreateDirectory(ScreenshotDirectory);
        foreach (var old in Directory.EnumerateFiles(ScreenshotDirectory, "*.png"))
        {
            File.Delete(old);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("DASHBOARD_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    private static string ResolveScreenshotDirectory()
    {
        if (Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        try
        {
            return RepositoryPaths.Combine("artifacts", "test-results", "screenshots");
        }
        catch (InvalidOperationException)
        {
            // Test binaries run outside a checkout: next to them.
            return Path.Combine(AppContext.BaseDirectory, "screenshots");
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
