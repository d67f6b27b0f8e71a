using System.Net.Sockets;
using System.Security.Authentication;

namespace Dashboard.Core.Probes;

/// <summary>
/// Maps what went wrong to a <see cref="ProbeFailureReason"/>. HttpClient wraps everything in
/// <see cref="HttpRequestException"/>, and the same TLS refusal surfaces differently by TLS version and server, so the
/// mapping relies first on what the probe itself recorded (<see cref="ProbeAttempt"/>), then on the exception chain:
/// <list type="number">
/// <item>Stopped while resolving (the resolver's exception is kept) → <c>Dns</c>.</item>
/// <item>Stopped while connecting: <see cref="SocketException"/> ConnectionRefused → <c>ConnectionRefused</c>, any
/// other socket error → <c>ConnectionFailed</c>.</item>
/// <item>The probe's own server-certificate check rejected the certificate (HttpClient then reports
/// "remote certificate was rejected") → that verdict: <c>ServerCertificateUntrusted</c>, <c>…Expired</c> or
/// <c>…NameMismatch</c>.</item>
/// <item>A TLS alert from the server in the chain (OpenSSL text "tlsv13 alert certificate required",
/// "sslv3 alert handshake failure", "tlsv1 alert unknown ca" …) → <c>HandshakeRefusedByServer</c>. TLS 1.2 servers
/// alert inside the handshake (<see cref="AuthenticationException"/>); TLS 1.3 servers judge the client certificate
/// after the client considers the handshake done, so the alert arrives on the first read
/// (<see cref="IOException"/> "decryption operation failed").</item>
/// <item>The connection ended (EOF, reset, or HttpClient's retry after an early close, which the probe refuses)
/// before any response: if the server had asked for a client certificate → <c>HandshakeRefusedByServer</c> (how
/// .NET/Kestrel servers and some proxies refuse one: they close without an alert); otherwise during the handshake →
/// <c>TlsHandshakeFailed</c>, after it → <c>ConnectionClosed</c>.</item>
/// <item>Any other <see cref="AuthenticationException"/> during the handshake (not a TLS port, no common
/// protocol) → <c>TlsHandshakeFailed</c>; a malformed HTTP response → <c>InvalidResponse</c>; an I/O error while
/// reading the body → <c>ConnectionClosed</c>; anything else → <c>ConnectionFailed</c> with the innermost message.</item>
/// </list>
/// A timeout is decided before this mapping, from the probe's own timer.
/// </summary>
internal static class ProbeFailureClassifier
{
    /// <summary>Exceptions that describe the network or the peer; anything else is a bug and propagates.</summary>
    public static bool IsNetworkFailure(Exception exception) =>
        exception is HttpRequestException or IOException or SocketException or AuthenticationException or OperationCanceledException;

    public static ProbeFailure Classify(Exception exception, ProbeAttempt attempt, string target, ProbeClientMaterial? credential)
    {
        var stage = attempt.Stage;
        if (stage == ProbeStage.ResolvingHost)
        {
            return ProbeFailures.Dns(attempt.ResolvingHost ?? target, attempt.ResolveError ?? exception);
        }

        if (stage == ProbeStage.Connecting)
        {
            var socketError = attempt.ConnectError as SocketException ?? Find<SocketException>(exception);
            return socketError is null ? ProbeFailures.Other(stage, target, exception) : ProbeFailures.Connect(target, socketError);
        }

        if (attempt.Verdict?.Rejection is { } rejection)
        {
            return rejection;
        }

        if (stage is ProbeStage.TlsHandshake or ProbeStage.AwaitingResponse && TlsAlert.Find(exception) is { } alert)
        {
            return ProbeFailures.Alert(stage, alert, target, credential);
        }

        if (stage is ProbeStage.TlsHandshake or ProbeStage.AwaitingResponse && EndedEarly(exception, attempt))
        {
            return attempt.ServerRequestedClientCertificate == true
                ? ProbeFailures.ClosedAfterCertificateRequest(stage, target, credential)
                : ProbeFailures.Closed(stage, target, attempt.RetrySuppressed ? "no response bytes before the close" : ProbeFailures.Describe(exception));
        }

        if (stage == ProbeStage.TlsHandshake)
        {
            return ProbeFailures.Handshake(target, exception);
        }

        if (Find<HttpRequestException>(exception)?.HttpRequestError == HttpRequestError.InvalidResponse
            || Find<HttpIOException>(exception)?.HttpRequestError == HttpRequestError.InvalidResponse)
        {
            return ProbeFailures.InvalidResponse(stage, target, exception);
        }

        return Find<IOException>(exception) is not null && stage == ProbeStage.ReadingBody
            ? ProbeFailures.Closed(stage, target, ProbeFailures.Describe(exception))
            : ProbeFailures.Other(stage, target, exception);
    }

    private static bool EndedEarly(Exception exception, ProbeAttempt attempt) =>
        attempt.RetrySuppressed
        || Find<HttpIOException>(exception)?.HttpRequestError == HttpRequestError.ResponseEnded
        || Find<SocketException>(exception)?.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown
        || (exception is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } && Find<AuthenticationException>(exception) is null);

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
