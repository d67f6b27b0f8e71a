using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Sandbox.DataPlane.Http;
using Dashboard.Sandbox.DataPlane.Httpbin;
using Dashboard.Sandbox.DataPlane.Tls;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.DataPlane.Alb;

/// <summary>
/// The IKS ALB's HTTPS port on loopback: serves the Ingress TLS certificate for the SNI (else the default
/// certificate), routes by Host and path like nginx, and proxies to the backend: for the Istio ingress gateway,
/// a fresh connection to the sandbox gateway listener with the TLS the flavour's annotations configure.
/// </summary>
internal sealed class AlbListener(SandboxDataPlaneOptions options, Func<AlbConfig> config, Func<IPEndPoint?> gatewayEndpoint, TimeProvider time, ILoggerFactory loggers) : IAsyncDisposable
{
    private const int MaxBody = 1024 * 1024;
    private readonly ILogger _logger = loggers.CreateLogger("Dashboard.Sandbox.DataPlane.Alb");
    private readonly UpstreamClient _upstream = new(options, time);
    private TlsListenerHost? _host;

    public IPEndPoint? Endpoint => _host?.Endpoint;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var tls = new TlsHandshakeCallbackOptions { OnConnection = OnConnection, HandshakeTimeout = TimeSpan.FromSeconds(10) };
        _host = await TlsListenerHost.StartAsync(IPAddress.Parse(options.ListenAddress), options.AlbPort, tls, HandleAsync, loggers, cancellationToken);
        DataPlaneLog.AlbListening(_logger, _host.Endpoint);
    }

    public async Task StopAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.DisposeAsync();
        }
    }

    private ValueTask<SslServerAuthenticationOptions> OnConnection(TlsHandshakeCallbackContext context)
    {
        var credential = config().CertificateFor(context.ClientHelloInfo.ServerName) ?? throw new AuthenticationException("ALB has no certificate yet");
        return ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = credential.Context,
            ClientCertificateRequired = false,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
        });
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var host = HostNames.Normalize(request.Host.Value);
        var location = config().ServerFor(host)?.Match(request.Path.Value ?? "/");
        var response = location is null ? NginxPages.Error(404) : await ProxyAsync(context, host, location);
        await ResponseWriter.WriteAsync(context, response.WithHeader("server", "nginx"));
    }

    private async Task<UpstreamResponse> ProxyAsync(HttpContext context, string host, AlbLocation location)
    {
        var backend = location.Backend;
        if (backend.Denied is { } denied)
        {
            DataPlaneLog.AlbDenied(_logger, host, location.Path, backend.Ingress, denied);
            return NginxPages.Error(503);
        }

        var endpoint = gatewayEndpoint();
        if (backend.Kind != BackendKind.Gateway || endpoint is null)
        {
            var status = backend.Kind == BackendKind.Refused || (backend.Kind == BackendKind.Gateway && endpoint is null) ? 502 : 503;
            DataPlaneLog.AlbNoBackend(_logger, status, host, location.Path, backend.Service, backend.Detail);
            return NginxPages.Error(status);
        }

        var request = context.Request;
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        var headers = ForwardedHeaders.Copy(request.Headers, drop: ["host", "x-forwarded-for", "x-real-ip", "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto", "x-forwarded-scheme", "x-scheme", "x-request-id"]);
        headers.AddRange([
            new("x-request-id", Guid.NewGuid().ToString("N")),
            new("x-real-ip", remote),
            new("x-forwarded-for", remote),
            new("x-forwarded-host", host),
            new("x-forwarded-port", "443"),
            new("x-forwarded-proto", "https"),
            new("x-forwarded-scheme", "https"),
            new("x-scheme", "https"),
        ]);
        var body = await ReadBodyAsync(request, context.RequestAborted);
        var call = new UpstreamCall(endpoint, backend.Tls, request.Method, request.Path.ToUriComponent() + request.QueryString.ToUriComponent(), request.Host.Value ?? host, headers, body);
        var outcome = await _upstream.SendAsync(call, context.RequestAborted);
        if (outcome.Response is { } response)
        {
            return response;
        }

        DataPlaneLog.AlbUpstreamFailed(_logger, outcome.ErrorStatus, host, location.Path, backend.Service, backend.Tls?.Description ?? "plain HTTP", outcome.Error);
        return NginxPages.Error(outcome.ErrorStatus);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.Length > MaxBody ? buffer.ToArray()[..MaxBody] : buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _upstream.Dispose();
    }
}
