using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Sandbox.DataPlane.Httpbin;
using Dashboard.Sandbox.DataPlane.Tls;

namespace Dashboard.Sandbox.DataPlane.Alb;

/// <summary>One request the ALB sends to a backend.</summary>
internal sealed record UpstreamCall(IPEndPoint Endpoint, UpstreamTls? Tls, string Method, string PathAndQuery, string Host, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body);

/// <summary>The backend's response, or the status nginx answers instead and the error it logs.</summary>
internal sealed record UpstreamOutcome(UpstreamResponse? Response, int ErrorStatus, string Error);

/// <summary>
/// The ALB's upstream side, like nginx's proxy module: a new connection per request (so every request is a fresh
/// TLS handshake, and configuration changes apply at once), plain HTTP/1.1 or TLS per <see cref="UpstreamTls"/>,
/// the backend certificate verified by OpenSSL's rules when <c>proxy_ssl_verify</c> is on. Connection failures give
/// 502, timeouts 504.
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    private static readonly HttpRequestOptionsKey<CallState> s_call = new("sandbox.upstream.call");
    private readonly SandboxDataPlaneOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpMessageInvoker _invoker;

    public UpstreamClient(SandboxDataPlaneOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.UpstreamConnectTimeout,
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = ConnectAsync,
        });
    }

    public async Task<UpstreamOutcome> SendAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var state = new CallState(call);
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), new Uri($"http://{call.Endpoint}{call.PathAndQuery}"))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Options.Set(s_call, state);
        request.Headers.Host = call.Host;
        request.Headers.ConnectionClose = true;
        if (call.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in call.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = new CancellationTokenSource(_options.UpstreamResponseTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _invoker.SendAsync(request, linked.Token);
            var content = await response.Content.ReadAsByteArrayAsync(linked.Token);
            var headers = response.Headers.Concat(response.Content.Headers)
                .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), v)))
                .Where(h => h.Key is not ("server" or "date" or "content-length"))
                .ToList();
            return new UpstreamOutcome(new UpstreamResponse((int)response.StatusCode, headers, content), 0, "");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new UpstreamOutcome(null, 504, timeout.IsCancellationRequested ? "upstream timed out while reading response header from upstream" : "upstream timed out while connecting to upstream");
        }
        catch (HttpRequestException exception)
        {
            return new UpstreamOutcome(null, 502, Describe(exception, state));
        }
    }

    private static string Describe(HttpRequestException exception, CallState state)
    {
        if (state.VerifyError is { } verify)
        {
            return (verify.StartsWith("upstream", StringComparison.Ordinal) ? verify : "upstream SSL certificate verify error: (" + verify + ")") + " while SSL handshaking to upstream";
        }

        var inner = exception.InnerException;
        return inner switch
        {
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connect() failed (111: Connection refused) while connecting to upstream",
            AuthenticationException auth => "SSL_do_handshake() failed (" + (auth.InnerException?.Message ?? auth.Message) + ") while SSL handshaking to upstream",
            IOException or SocketException => "upstream prematurely closed connection or reset it (" + inner.Message + ") while reading response header from upstream",
            _ => exception.Message,
        };
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var state = context.InitialRequestMessage.Options.TryGetValue(s_call, out var value) ? value : throw new InvalidOperationException("upstream call missing");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(state.Call.Endpoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var network = new NetworkStream(socket, ownsSocket: true);
        if (state.Call.Tls is not { } tls)
        {
            return network;
        }

        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = tls.ServerName ?? "",
                ClientCertificateContext = tls.ClientCertificate?.Context,
                // A resumed TLS session carries no client certificate that the sandbox gateway's SslStream can see, so
                // mutual TLS would fail on every connection after the first; each upstream handshake is a full one.
                AllowTlsResume = false,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                CertificateChainPolicy = tls.Verify && tls.Trusted is not null ? PeerVerifier.Policy(tls.Trusted, _time.GetUtcNow(), PeerPurpose.SslServer) : null,
                RemoteCertificateValidationCallback = (_, certificate, chain, _) => Verify(state, tls, certificate, chain),
            }, cancellationToken);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }

    private static bool Verify(CallState state, UpstreamTls tls, X509Certificate? certificate, X509Chain? chain)
    {
        if (!tls.Verify)
        {
            return true;
        }

        if (certificate is null || tls.Trusted is null || chain is null)
        {
            state.VerifyError = "no certificate";
            return false;
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        // The chain was built with the trusted bundle's policy (CertificateChainPolicy); the name is nginx's own check.
        var verdict = PeerVerifier.Judge(chain, leaf, PeerPurpose.SslServer, tls.VerifyDepth);
        if (!verdict.Trusted)
        {
            state.VerifyError = verdict.Reason;
            return false;
        }

        if (tls.VerifyName is { } name && !HostNames.CertificateCovers(leaf, name))
        {
            state.VerifyError = $"upstream SSL certificate does not match \"{name}\"";
            return false;
        }

        return true;
    }

    public void Dispose() => _invoker.Dispose();

    private sealed class CallState(UpstreamCall call)
    {
        public UpstreamCall Call { get; } = call;

        public string? VerifyError { get; set; }
    }
}
