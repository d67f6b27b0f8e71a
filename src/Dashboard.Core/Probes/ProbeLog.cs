using System.Net.Security;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Probes;

/// <summary>Log events of the mTLS probe, 1500-1599 (docs/logging.md).</summary>
internal static partial class ProbeLog
{
    [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "Probe {Url} cancelled by the caller in stage {Stage}")]
    public static partial void Cancelled(ILogger logger, string url, ProbeStage stage);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information,
        Message = "Probe {Url} {Outcome} {FailureReason}: status {StatusCode}, TLS {TlsProtocol}, connect {ConnectMs} ms, handshake {HandshakeMs} ms, first byte {FirstByteMs} ms, total {TotalMs} ms")]
    public static partial void Finished(ILogger logger, string url, ProbeOutcome outcome, string failureReason, string statusCode, string tlsProtocol, string connectMs, string handshakeMs, string firstByteMs, string totalMs);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Debug, Message = "Probe {Url} failure in stage {Stage}: {Message} Remedy: {Remedy}")]
    public static partial void Failure(ILogger logger, Exception? exception, string url, ProbeStage stage, string message, string remedy);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Debug, Message = "Probe {Url} server chain: {Chain}; cipher {CipherSuite}; client certificate requested {Requested}, sent {Sent}")]
    public static partial void ServerChain(ILogger logger, string url, string chain, TlsCipherSuite? cipherSuite, bool? requested, bool sent);
}
