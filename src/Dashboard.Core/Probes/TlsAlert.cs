using System.Text.RegularExpressions;

namespace Dashboard.Core.Probes;

/// <summary>
/// Finds the TLS alert a peer sent in an exception chain. On Linux SslStream surfaces OpenSSL's error string, e.g.
/// "error:0A00045C:SSL routines::tlsv13 alert certificate required"; the alert name is the stable part of it.
/// </summary>
internal static partial class TlsAlert
{
    /// <summary>Returns the alert's RFC 8446 name (e.g. <c>certificate_required</c>), or <see langword="null"/>.</summary>
    public static string? Find(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var match = AlertPattern().Match(current.Message);
            if (match.Success)
            {
                return match.Groups["name"].Value.Trim().Replace(' ', '_');
            }
        }

        return null;
    }

    /// <summary>What to do about an alert a server sent while (or right after) authenticating the client.</summary>
    public static string Remedy(string alert, bool credentialGiven) => alert switch
    {
        "certificate_required" =>
            "The server requires a client certificate: give the probe the client certificate and key (for the gateway, the ALB's client certificate).",
        "unknown_ca" =>
            "The server does not trust the CA that issued the client certificate: put that CA in the server's client CA bundle (Gateway caCertificates / ca.crt / cacert), or use a client certificate from the CA the server trusts, and send its intermediates.",
        "bad_certificate" or "certificate_unknown" or "unsupported_certificate" =>
            "The server rejected the client certificate: check that it chains to the server's client CA and that its extended key usage includes clientAuth.",
        "certificate_expired" =>
            "The client certificate is expired: renew it and give the probe the new one.",
        "certificate_revoked" =>
            "The client certificate is revoked: issue a new one.",
        "handshake_failure" when !credentialGiven =>
            "The server aborted the handshake; a TLS 1.2 server does this when it requires a client certificate and none is sent: give the probe the client certificate and key.",
        "handshake_failure" =>
            "The server aborted the handshake: it did not accept the client certificate (TLS 1.2 servers send this alert), or it shares no protocol or cipher with the probe.",
        "protocol_version" =>
            "The server accepts no TLS version the probe offers (TLS 1.2 and 1.3): enable TLS 1.2 or 1.3 on the server.",
        "unrecognized_name" =>
            "The server has no certificate for the SNI name sent: probe a host name the server serves (or set the SNI override).",
        _ =>
            "The server aborted the TLS session with this alert: check the server's log and its client certificate requirements.",
    };

    [GeneratedRegex(@"\b(?:sslv3|tlsv1|tlsv13) alert (?<name>[a-z ]+)", RegexOptions.CultureInvariant)]
    private static partial Regex AlertPattern();
}
