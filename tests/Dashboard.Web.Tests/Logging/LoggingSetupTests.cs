using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Testing;
using Dashboard.Web.Testing;
using Dashboard.Web.Tests.Hosting;
using Serilog.Events;

namespace Dashboard.Web.Tests.Logging;

/// <summary>Request logging with the request id, and the console's compact JSON mode as an operator's console shows it.</summary>
public sealed partial class LoggingSetupTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RequestLogging_Event_CarriesTheRequestIdOfTheRequestsOtherEvents()
    {
        var userName = "probe-" + Guid.NewGuid().ToString("N")[..8];
        using (var admin = fixture.Host.CreateClient())
        {
            admin.DefaultRequestHeaders.Authorization = new("Bearer", AppFixture.BootstrapToken);
            (await admin.PostAsJsonAsync("/api/users", new { userName, password = "probe-password-123", role = "Viewer" })).Dispose();
        }

        using var client = fixture.Host.CreateClient();
        (await DashboardHost.LoginAsync(client, userName, "not-a-password")).Dispose();

        // The audit event is written while the request runs; the request's own event once it has completed.
        var audit = Assert.Single(fixture.Host.Logs.Events, e => Scalar(e, "AuditSubject") == userName && Scalar(e, "AuditAction") == "auth.login");
        var requestId = Scalar(audit, "RequestId");
        Assert.False(string.IsNullOrEmpty(requestId));
        var request = await WaitForAsync(() => fixture.Host.Logs.Events.SingleOrDefault(e =>
            Scalar(e, "SourceContext") == "Serilog.AspNetCore.RequestLoggingMiddleware" && Scalar(e, "RequestId") == requestId));
        Assert.Equal("POST", Scalar(request, "RequestMethod"));
        Assert.Equal("/account/login", Scalar(request, "RequestPath"));
        Assert.Equal("302", Scalar(request, "StatusCode"));
    }

    [Fact]
    public async Task JsonFormat_ConsoleOutput_OneJsonObjectPerLineSecretsRedactedAnnouncementIncluded()
    {
        const string secret = "configured-apikey-0123456789abcdef";
        var dataDirectory = Path.Combine(Path.GetTempPath(), "dashboard-json-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var app = await DashboardProcess.StartAsync(RepositoryPaths.Root, "src/Dashboard.Web", new Dictionary<string, string>
        {
            ["Logging:Format"] = "json",
            ["Storage:DataDirectory"] = dataDirectory,
            ["Sandbox:Mode"] = "Off",

            // A property on every event whose name says it is a secret: the redactor must mask it in the JSON too.
            ["Serilog:Properties:ApiKey"] = secret,
        }))
        {
            using var client = app.CreateClient();
            using var ready = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            await app.WaitForLineAsync(l => l.Contains("\"RequestPath\":\"/readyz\"", StringComparison.Ordinal), s_timeout);

            var lines = app.Output.Where(l => l.Length > 0).ToList();
            var events = lines.Select(ParseObject).ToList();

            // The first admin's password: one JSON object like the log events, printed once, and it works.
            var announcement = Assert.Single(events, e => e.TryGetProperty("@m", out var m) && m.GetString()!.Contains("password: ", StringComparison.Ordinal));
            var password = AnnouncedPassword().Match(announcement.GetProperty("@m").GetString()!).Groups[1].Value;
            Assert.Single(lines, l => l.Contains(password, StringComparison.Ordinal));
            using var login = await DashboardHost.LoginAsync(client, "admin", password);
            Assert.Equal("/", login.Headers.Location!.OriginalString);

            var request = Assert.Single(events, e => e.TryGetProperty("RequestPath", out var p) && p.GetString() == "/readyz");
            Assert.False(string.IsNullOrEmpty(request.GetProperty("RequestId").GetString()));
            Assert.Equal(200, request.GetProperty("StatusCode").GetInt32());
            Assert.Equal("***", request.GetProperty("ApiKey").GetString());
            Assert.DoesNotContain(secret, app.Transcript(), StringComparison.Ordinal);
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    private static JsonElement ParseObject(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"Not one JSON object: {line}\n{ex.Message}");
        }
    }

    private static string? Scalar(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue scalar
            ? Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "not seen within " + s_timeout);
            await Task.Delay(25);
        }
    }

    [GeneratedRegex(@"password: (\S+)")]
    private static partial Regex AnnouncedPassword();
}
