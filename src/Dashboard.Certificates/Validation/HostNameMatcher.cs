using System.Globalization;
using System.Net;
using Dashboard.Certificates.Inspection;

namespace Dashboard.Certificates.Validation;

/// <summary>
/// Host name matching per RFC 6125 §6.4: DNS names compare case-insensitively, a wildcard is allowed only as the
/// whole left-most label (<c>*.example.com</c> matches <c>a.example.com</c>, not <c>example.com</c> nor
/// <c>a.b.example.com</c>), a wildcard needs at least two labels after it, IP addresses match only IP SANs, and the
/// common name is never consulted.
/// </summary>
public static class HostNameMatcher
{
    /// <summary>True when the certificate's subject alternative names cover <paramref name="host"/>.</summary>
    public static bool Covers(CertificateSummary certificate, string host)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Covers(certificate.DnsNames, [.. certificate.IpAddresses.Select(IPAddress.Parse)], host);
    }

    /// <summary>True when the DNS-ID <paramref name="pattern"/> (possibly <c>*.</c>-prefixed) matches <paramref name="host"/>.</summary>
    public static bool Matches(string pattern, string host)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var h = Normalize(host);
        var p = Normalize(pattern);
        if (h is null || p is null || IPAddress.TryParse(h, out _))
        {
            return false;
        }

        if (!p.Contains('*', StringComparison.Ordinal))
        {
            return string.Equals(p, h, StringComparison.Ordinal);
        }

        // Only "*.rest" with a rest of at least two labels; partial-label wildcards ("f*.example.com") are refused.
        if (!p.StartsWith("*.", StringComparison.Ordinal) || p.IndexOf('*', 1) >= 0)
        {
            return false;
        }

        var rest = p[1..];
        if (rest.Count(c => c == '.') < 2)
        {
            return false;
        }

        var dot = h.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(h[dot..], rest, StringComparison.Ordinal);
    }

    internal static bool Covers(IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> ipAddresses, string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            return ipAddresses.Any(a => a.Equals(ip));
        }

        return dnsNames.Any(n => Matches(n, host));
    }

    private static string? Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var trimmed = name.Trim().TrimEnd('.');
        if (trimmed.Any(c => c > 0x7F))
        {
            try
            {
                trimmed = new IdnMapping().GetAscii(trimmed);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        return trimmed.Length == 0 ? null : trimmed.ToLowerInvariant();
    }
}
