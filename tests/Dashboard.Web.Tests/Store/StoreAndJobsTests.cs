using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Storage;
using Dashboard.Web.Testing;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Web.Tests.Store;

/// <summary>The same store and job tests on SQLite (the default) and on a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreAndJobsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Store_MigratesServesAndKeepsDataAcrossRestarts(string provider)
    {
        var (settings, dataDirectory) = await SettingsForAsync(provider);
        string token;
        await using (var host = await DashboardHost.StartAsync(settings, dataDirectory))
        {
            using var client = host.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
            (await DashboardHost.LoginAsync(client)).Dispose();
            using var created = await client.PostAsJsonAsync("/api/tokens", new { name = "persisted" });
            token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        await using (var restarted = await DashboardHost.StartAsync(settings, dataDirectory))
        {
            using var api = restarted.CreateClient();
            api.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var audit = await api.GetFromJsonAsync<JsonElement>("/api/audit?action=auth.login");
            Assert.True(audit.GetProperty("total").GetInt32() >= 1);
            var users = await api.GetFromJsonAsync<JsonElement>("/api/users");
            Assert.Equal(1, users.GetArrayLength());
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Jobs_EnqueuedJobRunsOnTheInProcessServer(string provider)
    {
        var (settings, dataDirectory) = await SettingsForAsync(provider);
        await using var host = await DashboardHost.StartAsync(settings, dataDirectory);
        var jobs = (IBackgroundJobClient)host.Services.GetService(typeof(IBackgroundJobClient))!;
        var marker = Guid.NewGuid().ToString("N");
        jobs.Enqueue(() => RecordingJob.Record(marker));

        await WaitUntilAsync(() => RecordingJob.Seen.ContainsKey(marker), TimeSpan.FromSeconds(30));
        Assert.True(RecordingJob.Seen.ContainsKey(marker));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Jobs_RunServerFalse_WebOnlyReplicaQueuesButDoesNotProcess(string provider)
    {
        var (settings, dataDirectory) = await SettingsForAsync(provider);
        settings["Jobs:RunServer"] = "false";
        await using var host = await DashboardHost.StartAsync(settings, dataDirectory);
        var storage = (JobStorage)host.Services.GetService(typeof(JobStorage))!;
        var jobs = (IBackgroundJobClient)host.Services.GetService(typeof(IBackgroundJobClient))!;
        jobs.Enqueue(() => RecordingJob.Record("never"));

        var statistics = storage.GetMonitoringApi().GetStatistics();
        Assert.Equal(0, statistics.Servers);
        Assert.Equal(1, statistics.Enqueued);
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task FirstStart_RandomAdminPassword_PrintedOnceNeverStoredInClear()
    {
        var dataDirectory = NewDataDirectory();
        var settings = new Dictionary<string, string?> { ["Auth:AdminPassword"] = null };
        string password;
        await using (var first = await DashboardHost.StartAsync(settings, dataDirectory))
        {
            var match = System.Text.RegularExpressions.Regex.Match(first.Console.ToString(), "password: (\\S+)");
            Assert.True(match.Success, first.Console.ToString());
            password = match.Groups[1].Value;
            using var client = first.CreateClient();
            using var login = await DashboardHost.LoginAsync(client, "admin", password);
            Assert.Equal("/", login.Headers.Location!.OriginalString);
            Assert.DoesNotContain(password, first.Logs.RenderAll(), StringComparison.Ordinal);
        }

        await using (var second = await DashboardHost.StartAsync(settings, dataDirectory))
        {
            Assert.DoesNotContain("password", second.Console.ToString(), StringComparison.OrdinalIgnoreCase);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(dataDirectory))
        {
            Assert.DoesNotContain(password, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Readyz_StoreUnreachable_Is503WhileHealthzStays200()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Dashboard"] = connectionString, ["Jobs:RunServer"] = "false" };
        await using var host = await DashboardHost.StartAsync(settings, NewDataDirectory());
        using var client = host.CreateClient();
        using (var ready = await client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await postgres.DropDatabaseAsync(connectionString);

        using var unready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        Assert.Equal("Unhealthy", await unready.Content.ReadAsStringAsync());
        using var alive = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task FirstAdmin_TwoReplicasOnAFreshPostgres_TheLoserStartsAndKeepsTheWinnersAdmin()
    {
        const string winnersPassword = "the-winners-password";
        var connectionString = await postgres.CreateDatabaseAsync();
        await MigrateAsync(connectionString);

        // The winning replica's insert of the first admin, not yet committed.
        await using var winner = new NpgsqlConnection(connectionString);
        await winner.OpenAsync();
        await using var transaction = await winner.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO \"Users\" (\"UserName\", \"PasswordHash\", \"Role\", \"SecurityStamp\", \"Disabled\", \"CreatedAt\") VALUES ('admin', @hash, 'Admin', 'winner', false, now())",
            winner, transaction))
        {
            var hash = new PasswordHasher<UserAccount>().HashPassword(new UserAccount { UserName = "admin", PasswordHash = string.Empty, SecurityStamp = string.Empty }, winnersPassword);
            insert.Parameters.AddWithValue("hash", hash);
            await insert.ExecuteNonQueryAsync();
        }

        // The other replica starts meanwhile: it sees an empty store, creates its own admin and waits on the unique name.
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Dashboard"] = connectionString, ["Jobs:RunServer"] = "false", ["Auth:AdminPassword"] = null };
        var loserStarting = DashboardHost.StartAsync(settings, NewDataDirectory());
        await WaitUntilAsync(async () => loserStarting.IsCompleted || await WaitingOnLocksAsync(connectionString) > 0, TimeSpan.FromSeconds(60));
        Assert.False(loserStarting.IsCompleted, "the second replica did not wait for the first one's insert");
        await transaction.CommitAsync();

        await using var loser = await loserStarting;
        Assert.DoesNotContain("password", loser.Console.ToString(), StringComparison.OrdinalIgnoreCase);
        using var client = loser.CreateClient();
        using var login = await DashboardHost.LoginAsync(client, "admin", winnersPassword);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"Users\"", winner);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    private async Task<(Dictionary<string, string?> Settings, string DataDirectory)> SettingsForAsync(string provider)
    {
        var settings = new Dictionary<string, string?>();
        if (provider == "postgres")
        {
            settings["ConnectionStrings:Dashboard"] = await postgres.CreateDatabaseAsync();
        }

        return (settings, NewDataDirectory());
    }

    private static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "dashboard-store-" + Guid.NewGuid().ToString("N")[..8]);

    // What a replica's start-up does before it looks for users.
    private static async Task MigrateAsync(string connectionString)
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddDashboardStore(new StorageOptions { PostgresConnectionString = connectionString }, Path.GetTempPath())
            .AddSingleton<StoreMigrator>()
            .BuildServiceProvider();
        await services.GetRequiredService<StoreMigrator>().MigrateAsync(CancellationToken.None);
    }

    private static async Task<long> WaitingOnLocksAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within " + timeout);
            await Task.Delay(50);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition() && !cts.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }
    }
}

/// <summary>A job the tests enqueue; Hangfire finds it by type name in this assembly.</summary>
public static class RecordingJob
{
    public static ConcurrentDictionary<string, bool> Seen { get; } = new();

    public static void Record(string marker) => Seen[marker] = true;
}
