using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Hosting;
using Dashboard.Web.Testing;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Issue 12 item 7: a change and its audit entry are one transaction (when the entry cannot be written, the change is
/// not made either), and /readyz turns 503 when the store takes reads but refuses writes. A SQLite trigger plays the
/// sick disk.
/// </summary>
public sealed class StoreWriteFailureTests : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:BootstrapApiToken"] = AppFixture.BootstrapToken,
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AuditEntryCannotBeWritten_TheChangeIsNotMadeEither()
    {
        using var admin = SecurityClients.Bearer(_host, AppFixture.BootstrapToken);
        using var browser = await SecurityClients.SignedInAsync(_host, "Admin", "auditee");
        await WaitForSandboxTargetAsync(admin);
        var kubeconfig = await File.ReadAllTextAsync(JsonDocument.Parse(await admin.GetStringAsync("/api/sandbox")).RootElement.GetProperty("kubeconfigPath").GetString()!);
        var kubeconfigPath = Path.Combine(Path.GetTempPath(), "audit-tx-" + Guid.NewGuid().ToString("N")[..8] + ".yaml");
        await File.WriteAllTextAsync(kubeconfigPath, kubeconfig);
        var setupBefore = await admin.GetStringAsync("/api/targets/sandbox/setup");

        await SecurityClients.ExecuteOnStoreAsync(_host, "CREATE TRIGGER audit_refused BEFORE INSERT ON AuditEntries BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END;");
        try
        {
            using var user = await admin.PostAsJsonAsync("/api/users", new { userName = "ghost", password = "ghost-password-123", role = "Viewer" });
            using var token = await browser.PostAsJsonAsync("/api/tokens", new { name = "ghost-token" });
            using var target = await admin.PostAsJsonAsync("/api/targets", new { name = "ghost-target", kubeconfigPath });
            using var settings = await admin.PutAsJsonAsync("/api/targets/sandbox/setup", new { parameters = new { @namespace = "ghost-namespace" } });
            using var run = await admin.PostAsJsonAsync("/api/targets/sandbox/setup/runs", new { steps = new[] { "namespace" } });

            foreach (var response in new[] { user, token, target, settings, run })
            {
                Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
                var problem = await SecurityClients.ProblemAsync(response);
                Assert.DoesNotContain("audit log unavailable", problem.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            await SecurityClients.ExecuteOnStoreAsync(_host, "DROP TRIGGER audit_refused;");
        }

        Assert.DoesNotContain("ghost", await admin.GetStringAsync("/api/users"), StringComparison.Ordinal);
        Assert.DoesNotContain("ghost-token", await browser.GetStringAsync("/api/tokens"), StringComparison.Ordinal);
        Assert.DoesNotContain("ghost-target", await admin.GetStringAsync("/api/targets"), StringComparison.Ordinal);
        Assert.Equal(setupBefore, await admin.GetStringAsync("/api/targets/sandbox/setup"));
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/targets/sandbox/setup/runs")).EnumerateArray());

        // With the audit log back, the same change goes through with its entry.
        using var retried = await admin.PostAsJsonAsync("/api/users", new { userName = "ghost", password = "ghost-password-123", role = "Viewer" });
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>("/api/audit?action=user.create&text=ghost")).GetProperty("total").GetInt32());
        File.Delete(kubeconfigPath);
    }

    [Fact]
    public async Task ExceptionHandler500_KeepsTheSecurityHeaders()
    {
        using var admin = SecurityClients.Bearer(_host, AppFixture.BootstrapToken);
        await SecurityClients.ExecuteOnStoreAsync(_host, "CREATE TRIGGER audit_broken BEFORE INSERT ON AuditEntries BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END;");
        try
        {
            using var failed = await admin.PostAsJsonAsync("/api/users", new { userName = "headers-500", password = "headers-password-123", role = "Viewer" });

            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            await SecurityClients.ProblemAsync(failed);
            Assert.Contains("frame-ancestors 'none'", string.Join(",", failed.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(failed.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(failed.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("same-origin", Assert.Single(failed.Headers.GetValues("Referrer-Policy")));
        }
        finally
        {
            await SecurityClients.ExecuteOnStoreAsync(_host, "DROP TRIGGER audit_broken;");
        }
    }

    [Fact]
    public async Task Readyz_StoreRefusesWrites_Is503_AndRecovers()
    {
        using var client = _host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        await SecurityClients.ExecuteOnStoreAsync(_host,
            "CREATE TRIGGER heartbeat_refused BEFORE UPDATE ON StoreHeartbeats BEGIN SELECT RAISE(ABORT, 'disk is sick'); END;" +
            "CREATE TRIGGER heartbeat_insert_refused BEFORE INSERT ON StoreHeartbeats BEGIN SELECT RAISE(ABORT, 'disk is sick'); END;");
        try
        {
            // The write is probed at most every few seconds: the answer turns once the kept one is due.
            await WaitForReadyzAsync(client, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            await SecurityClients.ExecuteOnStoreAsync(_host, "DROP TRIGGER heartbeat_refused; DROP TRIGGER heartbeat_insert_refused;");
        }

        await WaitForReadyzAsync(client, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readyz_AskedInAFlood_WritesTheHeartbeatAtMostOncePerInterval()
    {
        await SecurityClients.ExecuteOnStoreAsync(_host,
            "CREATE TABLE heartbeat_writes (at TEXT); CREATE TRIGGER heartbeat_counted AFTER UPDATE ON StoreHeartbeats BEGIN INSERT INTO heartbeat_writes VALUES (NEW.WrittenAt); END;");
        using var anonymous = _host.CreateClient();
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 25).Select(async _ =>
        {
            using var answer = await anonymous.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }));
        for (var i = 0; i < 25; i++)
        {
            using var answer = await anonymous.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        elapsed.Stop();

        // Before the fix every request wrote (50 writes); now one per started interval at most, however slow the machine.
        var writes = await SecurityClients.CountOnStoreAsync(_host, "SELECT COUNT(*) FROM heartbeat_writes");
        Assert.InRange(writes, 1, (long)(elapsed.Elapsed / StoreWriteProbe.Interval) + 1);
    }

    private static async Task WaitForReadyzAsync(HttpClient client, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var answer = await client.GetAsync("/readyz");
            if (answer.StatusCode == expected)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/readyz did not answer {expected}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static async Task WaitForSandboxTargetAsync(HttpClient admin)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await admin.GetStringAsync("/api/targets")).Contains("\"sandbox\"", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the sandbox target did not appear");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
