using Dashboard.Web.Testing;

namespace Dashboard.Web.Tests;

/// <summary>One running dashboard shared by the tests of a class (starting one takes about a second).</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public DashboardHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await DashboardHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:BootstrapApiToken"] = BootstrapToken,
    });

    public const string BootstrapToken = "bootstrap-0123456789abcdef0123456789abcdef";

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
