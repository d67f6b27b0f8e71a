using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Web.Hosting;
using Dashboard.Web.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>Clients and store access the hostile-input tests share.</summary>
internal static partial class SecurityClients
{
    public static HttpClient Bearer(DashboardHost host, string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>A user of the given role created through the API, signed in with the cookie (as a same-origin script).</summary>
    public static async Task<HttpClient> SignedInAsync(DashboardHost host, string role, string? userName = null, string password = "hostile-password-123")
    {
        userName ??= role.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..6];
        using var admin = Bearer(host, AppFixture.BootstrapToken);
        using var created = await admin.PostAsJsonAsync("/api/users", new { userName, password, role });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = host.CreateClient();
        using var login = await DashboardHost.LoginAsync(client, userName, password);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        return client;
    }

    /// <summary>The antiforgery field of a page the client can open.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return AntiforgeryField().Match(html).Groups[1].Value;
    }

    /// <summary>A problem details response: its content type and body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Runs SQL on the app's SQLite store from outside (triggers that make writes fail, as a sick disk would).</summary>
    public static async Task ExecuteOnStoreAsync(DashboardHost host, string sql)
    {
        var path = Path.Combine(host.Services.GetRequiredService<DataDirectory>().Path, "dashboard.db");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountOnStoreAsync(DashboardHost host, string sql)
    {
        var path = Path.Combine(host.Services.GetRequiredService<DataDirectory>().Path, "dashboard.db");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
