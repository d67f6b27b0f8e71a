using System.Globalization;

namespace Dashboard.Sandbox.Iks.State;

/// <summary>Files written whole or not at all (temp file + rename, owner-only), and damaged files moved aside instead of overwritten.</summary>
internal static class AtomicFile
{
    public static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, content);

        // The state and CA files hold private keys: readable by the owner only.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Moves <paramref name="path"/> to <c>&lt;path&gt;.damaged-&lt;timestamp&gt;</c> and returns the new name.</summary>
    public static string SetAside(string path, TimeProvider time)
    {
        var aside = path + ".damaged-" + time.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        File.Move(path, aside, overwrite: true);
        return aside;
    }
}
