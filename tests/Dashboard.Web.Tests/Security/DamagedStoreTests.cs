using Dashboard.Core.Storage;
using Dashboard.Testing;
using Dashboard.Web.Testing;
using Dashboard.Web.Tests.Hosting;

namespace Dashboard.Web.Tests.Security;

/// <summary>Issue 12 item 7: a damaged store file ends start-up with what is wrong and what to do, and a non-zero exit code.</summary>
public sealed class DamagedStoreTests
{
    [Theory]
    [InlineData("dashboard.db", "the store")]
    [InlineData("jobs.db", "the job storage")]
    public async Task Start_DamagedSqliteFile_SaysWhichFileAndWhatToDo_ExitsThree(string file, string role)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "dashboard-damaged-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDirectory);
        var damaged = Path.Combine(dataDirectory, file);
        await File.WriteAllTextAsync(damaged, "this was a database before the disk hiccupped\n" + new string('x', 5000));
        try
        {
            var (exitCode, stdout, stderr) = await DashboardProcess.RunToExitAsync(RepositoryPaths.Root, "src/Dashboard.Web", new Dictionary<string, string>
            {
                ["Storage:DataDirectory"] = dataDirectory,
                ["Auth:AdminPassword"] = DashboardHost.AdminPassword,
                ["Sandbox:Mode"] = "Off",
            }, TimeSpan.FromSeconds(90));

            Assert.Equal(3, exitCode);
            Assert.Contains($"The dashboard cannot start: {damaged} ({role}", stderr, StringComparison.Ordinal);
            Assert.Contains("is not a SQLite database", stderr, StringComparison.Ordinal);
            Assert.Contains("Restore it from a backup", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
            Assert.Equal("this was a database", (await File.ReadAllTextAsync(damaged))[..19]);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void ThrowIfNotSqlite_RealEmptyOrMissingFile_Passes_OtherBytesDoNot()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dashboard-header-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            var real = Path.Combine(directory, "real.db");
            File.WriteAllBytes(real, [.. "SQLite format 3\0"u8.ToArray(), .. new byte[100]]);
            var empty = Path.Combine(directory, "empty.db");
            File.WriteAllBytes(empty, []);
            var shortFile = Path.Combine(directory, "short.db");
            File.WriteAllBytes(shortFile, "SQLite"u8.ToArray());

            StoreDamagedException.ThrowIfNotSqlite(real, "a store");
            StoreDamagedException.ThrowIfNotSqlite(empty, "a store");
            StoreDamagedException.ThrowIfNotSqlite(Path.Combine(directory, "missing.db"), "a store");
            var refused = Assert.Throws<StoreDamagedException>(() => StoreDamagedException.ThrowIfNotSqlite(shortFile, "a store"));
            Assert.Contains(shortFile, refused.Message, StringComparison.Ordinal);
            Assert.Same(refused, StoreDamagedException.Find(new AggregateException(new InvalidOperationException("outer", refused))));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
