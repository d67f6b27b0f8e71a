using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Sandbox.Kubernetes.Discovery;

/// <summary>Kubernetes' version priority: GA before beta before alpha, higher numbers first, other strings last alphabetically.</summary>
internal sealed partial class KubeVersionOrder : IComparer<string>
{
    public static readonly KubeVersionOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var (kx, mx, nx) = Parse(x ?? string.Empty);
        var (ky, my, ny) = Parse(y ?? string.Empty);
        if (kx != ky)
        {
            return kx.CompareTo(ky);
        }

        if (kx == 3)
        {
            return string.CompareOrdinal(x, y);
        }

        return mx != my ? my.CompareTo(mx) : ny.CompareTo(nx) * -1;
    }

    // kind: 0 GA, 1 beta, 2 alpha, 3 anything else
    private static (int Kind, int Major, int Minor) Parse(string version)
    {
        var match = VersionPattern().Match(version);
        if (!match.Success)
        {
            return (3, 0, 0);
        }

        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var kind = match.Groups[2].Value switch { "" => 0, "beta" => 1, _ => 2 };
        var minor = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        return (kind, major, minor);
    }

    [GeneratedRegex("^v([0-9]+)(?:(alpha|beta)([0-9]+))?$")]
    private static partial Regex VersionPattern();
}
