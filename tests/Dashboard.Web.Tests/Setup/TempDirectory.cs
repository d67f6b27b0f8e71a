namespace Dashboard.Web.Tests.Setup;

/// <summary>A data directory an app is restarted on; deleted at the end (a lingering SQLite handle must not fail the test).</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("setup-restart-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp.
        }
    }
}
