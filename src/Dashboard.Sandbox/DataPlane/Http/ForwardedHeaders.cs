using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.DataPlane.Http;

/// <summary>Copies request headers for forwarding, without hop-by-hop headers and pseudo-headers.</summary>
internal static class ForwardedHeaders
{
    private static readonly HashSet<string> s_hopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate", "content-length",
    };

    public static List<KeyValuePair<string, string>> Copy(IHeaderDictionary headers, IReadOnlyCollection<string> drop)
    {
        var copy = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in headers)
        {
            if (name.StartsWith(':') || s_hopByHop.Contains(name) || drop.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                copy.Add(new(name.ToLowerInvariant(), value ?? ""));
            }
        }

        return copy;
    }

    /// <summary>Whether a response header is hop-by-hop (not passed on by a proxy).</summary>
    public static bool IsHopByHop(string name) => s_hopByHop.Contains(name);
}
