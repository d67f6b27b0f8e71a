using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>Atomic file writes (temp file + rename), owner-only for secrets, and the persisted bearer token.</summary>
internal static class SecretFiles
{
    public static void WriteAtomic(string path, string content, bool secret) => WriteAtomic(path, Encoding.UTF8.GetBytes(content), secret);

    public static void WriteAtomic(string path, byte[] content, bool secret) => WriteAtomic(path, stream => stream.Write(content), secret);

    /// <summary>Writes through <paramref name="write"/> into a temp file, syncs it, then renames it over <paramref name="path"/>.</summary>
    public static void WriteAtomic(string path, Action<Stream> write, bool secret)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The API token: read from <paramref name="path"/>, or generated (256 random bits) and stored there.</summary>
    public static string LoadOrCreateToken(string path)
    {
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 32 } existing)
        {
            return existing;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        WriteAtomic(path, token + "\n", secret: true);
        return token;
    }
}
