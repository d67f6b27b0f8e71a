namespace Dashboard.Core.Probes;

/// <summary>Why a probe failed. The internal ProbeFailureClassifier documents how exceptions map to these.</summary>
public enum ProbeFailureReason
{
    /// <summary>The host name did not resolve.</summary>
    Dns,

    /// <summary>The TCP connection was refused: nothing listens on that address and port.</summary>
    ConnectionRefused,

    /// <summary>The TCP connection failed for another reason (unreachable network or host, reset).</summary>
    ConnectionFailed,

    /// <summary>The probe did not finish within its timeout.</summary>
    Timeout,

    /// <summary>
    /// The server refused the TLS session because of the client certificate: it demanded one and none was sent, or it
    /// rejected the one sent (a TLS alert such as certificate_required, bad_certificate, unknown_ca or
    /// handshake_failure, or a close right after the handshake of a server that asked for a certificate).
    /// </summary>
    HandshakeRefusedByServer,

    /// <summary>The TLS handshake failed for a reason unrelated to certificates (not a TLS port, no common protocol).</summary>
    TlsHandshakeFailed,

    /// <summary>The server's certificate does not chain to the trusted CA bundle (or is not valid for server authentication).</summary>
    ServerCertificateUntrusted,

    /// <summary>The server's certificate, or a CA certificate in its chain, is expired or not yet valid.</summary>
    ServerCertificateExpired,

    /// <summary>The server's certificate is not issued for the expected host name.</summary>
    ServerCertificateNameMismatch,

    /// <summary>The server closed or reset the connection before a complete response, without asking for a client certificate.</summary>
    ConnectionClosed,

    /// <summary>The server answered something that is not a valid HTTP/1.1 response.</summary>
    InvalidResponse,

    /// <summary>The server answered with a status other than the expected one (a non-2xx when no status was expected).</summary>
    HttpError,

    /// <summary>The caller's client certificate or key is malformed, encrypted, or the key does not match; nothing was sent.</summary>
    ClientCredentialInvalid,

    /// <summary>The caller's trusted CA bundle is malformed or holds no certificate; nothing was sent.</summary>
    TrustedCaBundleInvalid,
}
