using Microsoft.Extensions.Options;

namespace Dashboard.Core.Storage;

/// <summary>Where the store and the job storage live (<c>Storage</c> section, plus <c>ConnectionStrings:Dashboard</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>Directory for the SQLite files and the sandbox state; relative paths are relative to the content root.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>A PostgreSQL connection string; when set, the store and Hangfire use PostgreSQL instead of SQLite.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The provider the settings select.</summary>
    public StoreProvider Provider => string.IsNullOrWhiteSpace(PostgresConnectionString) ? StoreProvider.Sqlite : StoreProvider.Postgres;

    /// <summary>The data directory as an absolute path.</summary>
    public string ResolveDataDirectory(string contentRoot) => Path.GetFullPath(DataDirectory, contentRoot);
}

/// <summary>The database behind the store and the job storage.</summary>
public enum StoreProvider
{
    /// <summary>SQLite files under the data directory.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server.</summary>
    Postgres,
}

/// <summary>Checks the storage settings at start-up, reporting every problem at once.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Storage:DataDirectory is empty: set it to a writable directory, e.g. ./data.");
        }
        else if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"Storage:DataDirectory '{options.DataDirectory}' is not a valid path: use a plain directory path.");
        }

        if (options.Provider == StoreProvider.Postgres && !LooksLikeNpgsql(options.PostgresConnectionString!))
        {
            errors.Add("ConnectionStrings:Dashboard is not a PostgreSQL connection string: use the form Host=...;Database=...;Username=...;Password=....");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool LooksLikeNpgsql(string connectionString)
    {
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return !string.IsNullOrWhiteSpace(builder.Host);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
