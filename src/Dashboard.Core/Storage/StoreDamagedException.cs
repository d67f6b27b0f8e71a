namespace Dashboard.Core.Storage;

/// <summary>A store file that is not a usable SQLite database; the message says which, and what to do.</summary>
public sealed class StoreDamagedException : Exception
{
    /// <summary>SQLite's first 16 bytes of every database file.</summary>
    private static readonly byte[] s_header = "SQLite format 3\0"u8.ToArray();

    /// <summary>Creates the exception.</summary>
    public StoreDamagedException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public StoreDamagedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public StoreDamagedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The first such exception in an exception's chain (start-up wraps failures in aggregates).</summary>
    public static StoreDamagedException? Find(Exception? exception) => exception switch
    {
        null => null,
        StoreDamagedException damaged => damaged,
        AggregateException many => many.InnerExceptions.Select(Find).FirstOrDefault(e => e is not null),
        _ => Find(exception.InnerException),
    };

    /// <summary>
    /// Refuses a file that exists, is not empty and does not start with SQLite's header, naming it and the way out.
    /// <paramref name="role"/> says what it holds and what moving it aside costs.
    /// </summary>
    public static void ThrowIfNotSqlite(string path, string role)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return;
        }

        var start = new byte[s_header.Length];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }

        if (read < start.Length || !start.AsSpan().SequenceEqual(s_header))
        {
            throw new StoreDamagedException(Describe(path, role, "it is not a SQLite database (it does not start with SQLite's file header)"));
        }
    }

    /// <summary>The message for a damaged file: what is wrong, then what to do.</summary>
    public static string Describe(string path, string role, string problem) =>
        $"{path} ({role}) is damaged: {problem}. Restore it from a backup, or stop the dashboard and move the file aside " +
        $"(mv '{path}' '{path}.damaged'; also move '{path}-wal' and '{path}-shm' if they exist) to start afresh.";
}
