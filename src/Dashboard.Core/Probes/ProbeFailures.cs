using System.Net.Sockets;

namespace Dashboard.Core.Probes;

/// <summary>The wording of each failure: what happened and what to do. One place, so messages stay consistent.</summary>
internal static class ProbeFailures
{
    public static ProbeFailure Dns(string host, Exception? error) => new(
        ProbeFailureReason.Dns,
        ProbeStage.ResolvingHost,
        $"The host name '{host}' does not resolve ({Describe(error)}).",
        "Check the host name. In the sandbox, add it to the endpoint override map (the sandbox's description lists the public names); on IKS, check the nlb-dns registration and that its status is enabled.");

    public static ProbeFailure Connect(string target, SocketException error) => error.SocketErrorCode == SocketError.ConnectionRefused
        ? new(
            ProbeFailureReason.ConnectionRefused,
            ProbeStage.Connecting,
            $"The connection to {target} was refused: nothing listens there.",
            "Check the port and that the gateway or ALB is running and exposed (LoadBalancer IP, service port 443).")
        : new(
            ProbeFailureReason.ConnectionFailed,
            ProbeStage.Connecting,
            $"The TCP connection to {target} failed: {error.SocketErrorCode} ({error.Message}).",
            "Check the network path to the endpoint (routes, firewalls, security groups).");

    public static ProbeFailure Timeout(ProbeStage stage, TimeSpan timeout, string target)
    {
        var (message, remedy) = stage switch
        {
            ProbeStage.ResolvingHost => ($"Resolving the host name did not finish within {timeout}.", "Check the DNS servers the dashboard uses."),
            ProbeStage.Connecting => ($"No TCP connection to {target} within {timeout}.", "Check that the address is reachable; a firewall that drops packets or a load balancer without endpoints looks like this."),
            ProbeStage.TlsHandshake => ($"{target} accepted the TCP connection but the TLS handshake did not finish within {timeout}.", "Check that the port speaks TLS and that the server is not overloaded."),
            ProbeStage.AwaitingResponse => ($"{target} completed the TLS handshake but sent no response within {timeout}.", "The backend behind the server is slow or stuck: check the route's destination and its pods."),
            ProbeStage.ReadingBody => ($"{target} sent the response headers but not the body within {timeout}.", "The backend is slow or stuck while streaming the body."),
            _ => ($"The probe did not finish within {timeout}.", "Raise the timeout or check the server."),
        };
        return new(ProbeFailureReason.Timeout, stage, message, remedy);
    }

    public static ProbeFailure Alert(ProbeStage stage, string alert, string target, ProbeClientMaterial? credential) => new(
        ProbeFailureReason.HandshakeRefusedByServer,
        stage,
        $"{target} refused the TLS session with the alert '{alert}' {SentWhat(credential)}.",
        TlsAlert.Remedy(alert, credential is not null));

    public static ProbeFailure ClosedAfterCertificateRequest(ProbeStage stage, string target, ProbeClientMaterial? credential) => new(
        ProbeFailureReason.HandshakeRefusedByServer,
        stage,
        credential is null
            ? $"{target} asked for a client certificate and closed the connection without answering {SentWhat(credential)}: it requires one."
            : $"{target} asked for a client certificate and closed the connection without answering {SentWhat(credential)}: it refused the client certificate.",
        credential is null
            ? "The server requires a client certificate: give the probe the client certificate and key (for the gateway, the ALB's client certificate)."
            : "The server did not accept the client certificate: check that it chains to the CA the server trusts for clients, that the intermediates are in the bundle, and that its extended key usage includes clientAuth.");

    public static ProbeFailure Closed(ProbeStage stage, string target, string detail) => stage == ProbeStage.TlsHandshake
        ? new(
            ProbeFailureReason.TlsHandshakeFailed,
            stage,
            $"{target} closed the connection during the TLS handshake ({detail}).",
            "Check that the server has a TLS server block for this host name (SNI) and that the port speaks TLS.")
        : new(
            ProbeFailureReason.ConnectionClosed,
            stage,
            $"{target} closed the connection before a complete response ({detail}).",
            "Check the server's log: a crashing backend or a proxy that drops the request looks like this.");

    public static ProbeFailure Handshake(string target, Exception error) => new(
        ProbeFailureReason.TlsHandshakeFailed,
        ProbeStage.TlsHandshake,
        $"The TLS handshake with {target} failed: {Describe(error)}.",
        "Check that the port speaks TLS 1.2 or 1.3 and that the server has a certificate for this host name (SNI).");

    public static ProbeFailure InvalidResponse(ProbeStage stage, string target, Exception error) => new(
        ProbeFailureReason.InvalidResponse,
        stage,
        $"{target} did not answer with valid HTTP/1.1: {Describe(error)}.",
        "Check that the port serves HTTPS (HTTP/1.1 over TLS) and not another protocol.");

    public static ProbeFailure Other(ProbeStage stage, string target, Exception error) => new(
        ProbeFailureReason.ConnectionFailed,
        stage,
        $"The probe to {target} failed: {Describe(error)}.",
        "Check the network path and the server's log.");

    public static ProbeFailure Status(int status, int? expected) => new(
        ProbeFailureReason.HttpError,
        ProbeStage.Completed,
        expected is { } code
            ? $"The server answered {status}, not the expected {code}."
            : $"The server answered {status}, not a success (2xx).",
        status switch
        {
            404 => "No route matched: check the Ingress rule or VirtualService hosts and path prefix.",
            502 => "The proxy could not talk to its upstream: check the upstream's TLS settings (the ALB's client certificate and the gateway's CA).",
            503 => "No healthy upstream: check that the destination service exists and its pods are ready.",
            _ => "Read the body excerpt for the server's explanation and check the route's destination.",
        });

    public static ProbeFailure CredentialInvalid(string error) => new(
        ProbeFailureReason.ClientCredentialInvalid,
        ProbeStage.Preparing,
        error,
        "Give the PEM certificate bundle (leaf, then intermediates) and the unencrypted PEM private key that belongs to the leaf.");

    public static ProbeFailure TrustBundleInvalid(string error) => new(
        ProbeFailureReason.TrustedCaBundleInvalid,
        ProbeStage.Preparing,
        error,
        "Give the CA certificates the server's certificate chains to, as PEM CERTIFICATE blocks.");

    /// <summary>The innermost message: the one that names the cause (OpenSSL's reason, the socket error).</summary>
    public static string Describe(Exception? error)
    {
        if (error is null)
        {
            return "no details";
        }

        var inner = error;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner.Message.TrimEnd('.');
    }

    private static string SentWhat(ProbeClientMaterial? credential) => credential is null
        ? "(the probe sent no client certificate)"
        : $"(the probe offered the client certificate '{credential.Certificate.Subject}', issuer '{credential.Certificate.Issuer}')";
}
