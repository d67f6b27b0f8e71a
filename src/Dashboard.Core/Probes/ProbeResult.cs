using System.Net;
using System.Net.Security;
using System.Security.Authentication;

namespace Dashboard.Core.Probes;

/// <summary>What one probe observed. A network outcome is always a result, never an exception.</summary>
public sealed record ProbeResult
{
    /// <summary>The probed URL.</summary>
    public required Uri Url { get; init; }

    /// <summary>Whether the probe met its expectation.</summary>
    public required ProbeOutcome Outcome { get; init; }

    /// <summary>Why it failed; <see langword="null"/> on success.</summary>
    public ProbeFailure? Failure { get; init; }

    /// <summary>When the probe started, by the probe's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The HTTP status, when response headers arrived.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The first characters of the response body (decoded leniently; control characters replaced).</summary>
    public string? BodyExcerpt { get; init; }

    /// <summary>How long each stage took.</summary>
    public required ProbeTimings Timings { get; init; }

    /// <summary>
    /// The certificates the server presented, leaf first, as sent; captured even when validation fails. Empty when
    /// the handshake ended before the probe could inspect them (for example a TLS 1.2 server that refuses the
    /// client certificate with an alert before the client validates the server's certificate).
    /// </summary>
    public IReadOnlyList<PresentedCertificate> ServerCertificateChain { get; init; } = [];

    /// <summary>The negotiated TLS version, when the handshake completed.</summary>
    public SslProtocols? TlsProtocol { get; init; }

    /// <summary>The negotiated cipher suite, when the handshake completed.</summary>
    public TlsCipherSuite? CipherSuite { get; init; }

    /// <summary>Whether the server asked for a client certificate; <see langword="null"/> when the probe cannot tell.</summary>
    public bool? ServerRequestedClientCertificate { get; init; }

    /// <summary>Whether the probe's client certificate was sent in the handshake.</summary>
    public bool ClientCertificateSent { get; init; }

    /// <summary>The address the TCP connection reached.</summary>
    public IPEndPoint? RemoteEndPoint { get; init; }

    /// <summary>Whether the probe met its expectation.</summary>
    public bool Succeeded => Outcome == ProbeOutcome.Succeeded;
}
