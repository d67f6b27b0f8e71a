using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Sandbox.DataPlane.Tls;

/// <summary>Host-name matching as the proxies do it.</summary>
internal static class HostNames
{
    /// <summary>Lower-cases and strips a port and a trailing dot from a Host header or SNI value.</summary>
    public static string Normalize(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return "";
        }

        var value = host.Trim().ToLowerInvariant();
        if (value.StartsWith('['))
        {
            var end = value.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? value[1..end] : value;
        }

        var colon = value.LastIndexOf(':');
        if (colon > 0 && value.IndexOf(':', StringComparison.Ordinal) == colon)
        {
            value = value[..colon];
        }

        return value.TrimEnd('.');
    }

    /// <summary>
    /// A server-name pattern (Gateway host, Ingress host, Envoy domain, nginx server_name) against a host: <c>*</c>
    /// matches everything, <c>*.example.com</c> any name ending in <c>.example.com</c>, otherwise equality.
    /// </summary>
    public static bool PatternMatches(string pattern, string host)
    {
        if (pattern == "*")
        {
            return true;
        }

        return pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.Length > pattern.Length - 1 && host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// OpenSSL's <c>X509_check_host</c>/<c>X509_check_ip_asc</c> with default flags: DNS names from the SAN (a
    /// wildcard covers exactly one left-most label), the subject CN only when the certificate has no DNS SAN.
    /// </summary>
    public static bool CertificateCovers(X509Certificate2 certificate, string name)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (IPAddress.TryParse(name, out var ip))
        {
            return san?.EnumerateIPAddresses().Any(a => a.Equals(ip)) == true;
        }

        var dnsNames = san?.EnumerateDnsNames().ToList() ?? [];
        if (dnsNames.Count == 0)
        {
            var cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            return !string.IsNullOrEmpty(cn) && CertificateNameMatches(cn, name);
        }

        return dnsNames.Any(n => CertificateNameMatches(n, name));
    }

    private static bool CertificateNameMatches(string certificateName, string host)
    {
        if (!certificateName.StartsWith("*.", StringComparison.Ordinal))
        {
            return string.Equals(certificateName, host, StringComparison.OrdinalIgnoreCase);
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(certificateName[1..], host[dot..], StringComparison.OrdinalIgnoreCase);
    }
}
