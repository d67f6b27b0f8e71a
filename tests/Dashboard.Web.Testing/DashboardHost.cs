using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Testing;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Testing;

/// <summary>
/// The real dashboard on a real loopback port, with its own temporary data directory, the repository's top-level
/// appsettings.json and wwwroot, and its logs captured.
/// </summary>
public sealed partial class DashboardHost : IAsyncDisposable
{
    public const string AdminPassword = "correct-horse-battery-staple";

    private readonly WebApplication _app;
    private readonly string? _ownedDataDirectory;

    private DashboardHost(WebApplication app, string? ownedDataDirectory, CapturedLogs logs, StringWriter console)
    {
        _app = app;
        _ownedDataDirectory = ownedDataDirectory;
        Logs = logs;
        Console = console;
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.Single());
    }

    public Uri BaseAddress { get; }

    public CapturedLogs Logs { get; }

    /// <summary>What the app wrote to its console announcements (the first admin's password).</summary>
    public StringWriter Console { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the app. <paramref name="settings"/> are configuration keys (e.g. <c>Jobs:RunServer=false</c>);
    /// <paramref name="dataDirectory"/> reuses a directory across restarts (the caller owns it then).
    /// </summary>
    public static async Task<DashboardHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, string? dataDirectory = null, Action<WebApplicationBuilder>? configure = null)
    {
        var owned = dataDirectory is null ? Path.Combine(Path.GetTempPath(), "dashboard-test-" + Guid.NewGuid().ToString("N")[..8]) : null;
        var all = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["contentRoot"] = RepositoryPaths.Root,
            ["Storage:DataDirectory"] = dataDirectory ?? owned,
            ["Auth:AdminPassword"] = AdminPassword,
            ["Jobs:PollInterval"] = "00:00:00.2",
            ["Jobs:WorkerCount"] = "2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var args = all.Where(kv => kv.Value is not null).Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        var logs = new CapturedLogs();
        var console = new StringWriter();
        var app = await DashboardApp.CreateAsync(args, builder =>
        {
            builder.Services.AddSingleton(new LogSinkRegistration(logs));
            builder.Services.AddSingleton(new ConsoleAnnouncer(console));
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new DashboardHost(app, owned, logs, console);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see what the server answered.</summary>
    public HttpClient CreateClient(bool allowRedirects = false) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = allowRedirects, UseCookies = true })
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>
    /// Signs in through the login form (antiforgery token and all); returns where the server redirected. The client
    /// then calls <c>/api</c> as a script on the dashboard's own pages would with the cookie: with
    /// <c>X-Requested-With</c> and this origin (<see cref="AsSameOriginScript"/>).
    /// </summary>
    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName = "admin", string password = AdminPassword)
    {
        AsSameOriginScript(client);
        var page = await client.GetStringAsync("/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "/",
        });
        return await client.PostAsync("/account/login", form);
    }

    /// <summary>Adds what the CSRF check asks of a cookie-authenticated /api call: the custom header and a same-origin Origin.</summary>
    public static HttpClient AsSameOriginScript(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Remove("X-Requested-With");
        client.DefaultRequestHeaders.Remove("Origin");
        client.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return client;
    }

    /// <summary>Removes what <see cref="AsSameOriginScript"/> added: the client then posts like a cross-site page would.</summary>
    public static HttpClient AsPlainClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Remove("X-Requested-With");
        client.DefaultRequestHeaders.Remove("Origin");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownedDataDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_ownedDataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Hangfire's SQLite storage may still hold a handle for a moment; the OS cleans temp.
            }
        }
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
