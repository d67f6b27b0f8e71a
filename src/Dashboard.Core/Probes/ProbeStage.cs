namespace Dashboard.Core.Probes;

/// <summary>The stages a probe passes through, in order; a failure names the stage it happened in.</summary>
public enum ProbeStage
{
    /// <summary>Parsing the client credential and the trusted CA bundle; nothing was sent yet.</summary>
    Preparing,

    /// <summary>Resolving the host name (or the override map's <see cref="System.Net.DnsEndPoint"/>).</summary>
    ResolvingHost,

    /// <summary>Opening the TCP connection.</summary>
    Connecting,

    /// <summary>Running the TLS handshake.</summary>
    TlsHandshake,

    /// <summary>The TLS session is up; the request was sent and the response headers are awaited.</summary>
    AwaitingResponse,

    /// <summary>The response headers arrived; reading the body excerpt.</summary>
    ReadingBody,

    /// <summary>The probe finished reading what it needed.</summary>
    Completed,
}
