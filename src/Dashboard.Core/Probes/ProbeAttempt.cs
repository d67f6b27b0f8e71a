using System.Net;
using System.Net.Security;
using System.Security.Authentication;

namespace Dashboard.Core.Probes;

/// <summary>
/// What one probe has seen so far, written by the handler's callbacks (connect, TLS validation, plaintext filter) and
/// read by the classifier. The callbacks of one connection run one after another, and the probe reads the state only
/// after awaiting the request, so plain fields with volatile stage suffice.
/// </summary>
internal sealed class ProbeAttempt(TimeProvider timeProvider)
{
    private volatile ProbeStage _stage = ProbeStage.Preparing;
    private int _connections;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public long Started { get; } = timeProvider.GetTimestamp();

    public ProbeStage Stage => _stage;

    public long? DnsStarted { get; private set; }

    public long? DnsEnded { get; private set; }

    public long? ConnectStarted { get; private set; }

    public long? ConnectEnded { get; private set; }

    public long? TlsEnded { get; private set; }

    public long? FirstByte { get; private set; }

    /// <summary>The resolver's failure, kept because HttpClient wraps what the connect callback throws.</summary>
    public Exception? ResolveError { get; set; }

    /// <summary>The TCP connect failure, kept for the same reason.</summary>
    public Exception? ConnectError { get; set; }

    /// <summary>Set when HttpClient tried to open a second connection (its retry after an early close), which the probe refuses.</summary>
    public bool RetrySuppressed { get; set; }

    public ServerCertificateVerdict? Verdict { get; set; }

    public IReadOnlyList<PresentedCertificate> PresentedChain { get; set; } = [];

    public bool? ServerRequestedClientCertificate { get; set; }

    public bool ClientCertificateSent { get; private set; }

    public SslProtocols? Protocol { get; private set; }

    public TlsCipherSuite? CipherSuite { get; private set; }

    public IPEndPoint? RemoteEndPoint { get; private set; }

    public long Now() => TimeProvider.GetTimestamp();

    /// <summary>A probe is one connection: a second one would be HttpClient's silent retry, which hides the failure.</summary>
    public bool TryBeginConnection() => Interlocked.Increment(ref _connections) == 1;

    /// <summary>The host name being resolved (the URL's or the override map's).</summary>
    public string? ResolvingHost { get; private set; }

    public void BeginResolve(string host)
    {
        ResolvingHost = host;
        _stage = ProbeStage.ResolvingHost;
        DnsStarted = Now();
    }

    public void EndResolve() => DnsEnded = Now();

    public void BeginConnect()
    {
        _stage = ProbeStage.Connecting;
        ConnectStarted = Now();
        DnsStarted ??= ConnectStarted;
        DnsEnded ??= ConnectStarted;
    }

    public void Connected(EndPoint? remote)
    {
        ConnectEnded = Now();
        // A dual-mode socket reports IPv4 peers as ::ffff:a.b.c.d; report the address that was dialled.
        RemoteEndPoint = remote is IPEndPoint { Address.IsIPv4MappedToIPv6: true } mapped
            ? new IPEndPoint(mapped.Address.MapToIPv4(), mapped.Port)
            : remote as IPEndPoint;
        _stage = ProbeStage.TlsHandshake;
    }

    public void TlsEstablished(SslStream? tls, bool credentialGiven)
    {
        TlsEnded = Now();
        if (tls is not null)
        {
            Protocol = tls.SslProtocol;
            CipherSuite = tls.NegotiatedCipherSuite;

            // With a credential, SslStream only sends the certificate when the server asks for one (CertificateRequest).
            ClientCertificateSent = tls.LocalCertificate is not null;
            if (credentialGiven)
            {
                ServerRequestedClientCertificate = ClientCertificateSent;
            }
            else
            {
                ServerRequestedClientCertificate ??= false;
            }
        }

        _stage = ProbeStage.AwaitingResponse;
    }

    public void ResponseHeadersReceived()
    {
        FirstByte = Now();
        _stage = ProbeStage.ReadingBody;
    }

    public void Complete() => _stage = ProbeStage.Completed;

    public ProbeTimings Timings(long end) => new(
        Between(DnsStarted, DnsEnded),
        Between(ConnectStarted, ConnectEnded),
        Between(ConnectEnded, TlsEnded),
        Between(Started, FirstByte),
        TimeProvider.GetElapsedTime(Started, end));

    private TimeSpan? Between(long? start, long? end) =>
        start is { } s && end is { } e ? TimeProvider.GetElapsedTime(s, e) : null;
}
