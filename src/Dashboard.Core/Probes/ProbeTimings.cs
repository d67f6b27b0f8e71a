namespace Dashboard.Core.Probes;

/// <summary>
/// How long each stage of a probe took, measured with the probe's <see cref="TimeProvider"/> timestamps. A stage the
/// probe never reached is <see langword="null"/>.
/// </summary>
/// <param name="DnsLookup">Resolving the host name; zero when the target is an IP address.</param>
/// <param name="Connect">Opening the TCP connection, after resolution.</param>
/// <param name="TlsHandshake">The TLS handshake, from the open TCP connection to the established TLS session.</param>
/// <param name="TimeToFirstByte">From the start of the probe to the response headers (curl's time_starttransfer).</param>
/// <param name="Total">From the start of the probe to its end, including the body excerpt.</param>
public sealed record ProbeTimings(
    TimeSpan? DnsLookup,
    TimeSpan? Connect,
    TimeSpan? TlsHandshake,
    TimeSpan? TimeToFirstByte,
    TimeSpan Total);
