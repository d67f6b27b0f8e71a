using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Sandbox.DataPlane.Http;
using Dashboard.Sandbox.DataPlane.Httpbin;
using Dashboard.Sandbox.DataPlane.Tls;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.DataPlane.Gateway;

/// <summary>
/// The istio-ingressgateway's HTTPS port on loopback: the TLS handshake picks the server by SNI and enforces its
/// mode (MUTUAL: a client certificate chained to the server's CA bundle is required, else the handshake is refused);
/// requests are routed by the server's VirtualServices to the built-in httpbin, answering as Envoy would.
/// </summary>
internal sealed class GatewayListener(SandboxDataPlaneOptions options, Func<GatewayConfig> config, TimeProvider time, ILoggerFactory loggers)
{
    private const string ServerItem = "sandbox.gateway.server";
    private readonly ILogger _logger = loggers.CreateLogger("Dashboard.Sandbox.DataPlane.Gateway");
    private TlsListenerHost? _host;

    public IPEndPoint? Endpoint => _host?.Endpoint;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var tls = new TlsHandshakeCallbackOptions { OnConnection = OnConnection, HandshakeTimeout = TimeSpan.FromSeconds(10) };
        _host = await TlsListenerHost.StartAsync(IPAddress.Parse(options.ListenAddress), options.GatewayPort, tls, HandleAsync, loggers, cancellationToken);
        DataPlaneLog.GatewayListening(_logger, _host.Endpoint);
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
        var current = config();
        var sni = context.ClientHelloInfo.ServerName;
        var server = current.Ready ? current.SelectBySni(sni) : null;
        if (server?.Credential is null || server.Problem is not null)
        {
            // Envoy closes the connection when no filter chain matches or the matching one has no certificate.
            var reason = !current.Ready ? current.Status : server is null ? "no filter chain matches the server name" : server.Problem ?? "no certificate";
            DataPlaneLog.GatewayDropped(_logger, string.IsNullOrEmpty(sni) ? "(none)" : sni, reason);
            throw new AuthenticationException("Gateway: " + reason);
        }

        context.Connection.Items[ServerItem] = server;
        var purpose = options.EnforceClientAuthEku ? PeerPurpose.SslClient : PeerPurpose.None;
        return ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = server.Credential.Context,
            ClientCertificateRequired = server.RequestsClientCertificate,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            CertificateChainPolicy = server.ClientCa is null ? null : PeerVerifier.Policy(server.ClientCa, time.GetUtcNow(), purpose),
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = (_, certificate, chain, _) => AcceptClient(server, certificate, chain, purpose),
        });
    }

    private bool AcceptClient(GatewayServer server, X509Certificate? certificate, X509Chain? chain, PeerPurpose purpose)
    {
        if (!server.RequestsClientCertificate)
        {
            return true;
        }

        if (certificate is null)
        {
            if (server.RequiresClientCertificate)
            {
                DataPlaneLog.GatewayRefusedNoCertificate(_logger, server.Gateway);
            }

            return !server.RequiresClientCertificate;
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        // The chain was built with this server's policy (CertificateChainPolicy); judge it as OpenSSL would.
        var verdict = server.ClientCa is null || chain is null
            ? new PeerVerdict(false, "no client CA")
            : PeerVerifier.Judge(chain, leaf, purpose, maxDepth: null);
        if (!verdict.Trusted)
        {
            DataPlaneLog.GatewayRefusedCertificate(_logger, server.Gateway, leaf.Subject, verdict.Reason);
        }

        return verdict.Trusted;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        var handshakeServer = items is not null && items.TryGetValue(ServerItem, out var value) ? (GatewayServer)value! : null;
        if (handshakeServer is null)
        {
            context.Abort();
            return;
        }

        // Route changes (RDS) apply to open connections: use the server's current routes.
        var server = config().Servers.FirstOrDefault(s => s.Gateway == handshakeServer.Gateway && s.Index == handshakeServer.Index) ?? handshakeServer;
        var request = context.Request;
        var input = new RouteInput(request.Host.Value ?? "", request.Method, request.Path.ToUriComponent(), request.QueryString.Value ?? "", "https", options.GatewayServerPort, server.Gateway, request.Headers);
        var (_, rule) = GatewayRouter.Route(server, input);
        var response = rule is null
            ? UpstreamResponse.Empty(404)
            : Forward(rule, input, context);
        response = response.WithHeader("server", "istio-envoy");
        if (rule?.Destinations.Count > 0)
        {
            response = response.WithHeader("x-envoy-upstream-service-time", ((int)Stopwatch.GetElapsedTime(started).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await ResponseWriter.WriteAsync(context, response);
    }

    private static UpstreamResponse Forward(HttpRouteRule rule, RouteInput input, HttpContext context)
    {
        if (rule.DirectResponse is { } direct)
        {
            return UpstreamResponse.Text(direct.Status, direct.Body);
        }

        if (rule.Redirect is { } redirect)
        {
            return UpstreamResponse.Empty(redirect.Code).WithHeader("location", $"https://{redirect.Authority ?? input.Host}{redirect.Uri ?? input.Path}");
        }

        var destination = GatewayRouter.Pick(rule.Destinations);
        return destination?.Target.Kind switch
        {
            UpstreamKind.Httpbin => HttpbinApp.Handle(UpstreamRequestFor(rule, input, context)),
            UpstreamKind.NoHealthyUpstream => UpstreamResponse.Text(503, "no healthy upstream"),
            UpstreamKind.UnknownWorkload => UpstreamResponse.Text(503, "upstream connect error or disconnect/reset before headers. reset reason: connection failure"),
            _ => UpstreamResponse.Empty(503),
        };
    }

    private static UpstreamRequest UpstreamRequestFor(HttpRouteRule rule, RouteInput input, HttpContext context)
    {
        var path = input.Path;
        if (rule.RewriteUri is { } rewrite)
        {
            var matched = rule.Matches.Select(m => m.Uri).FirstOrDefault(u => u is { Kind: "prefix" } && path.StartsWith(u.Value, StringComparison.Ordinal));
            path = matched is null ? rewrite : rewrite + path[matched.Value.Length..];
        }

        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        var headers = ForwardedHeaders.Copy(context.Request.Headers, drop: [ClientCertificateHeader.Name, "x-envoy-internal", "x-request-id"]);
        var forwardedFor = context.Request.Headers["x-forwarded-for"].ToString();
        headers.RemoveAll(h => h.Key.Equals("x-forwarded-for", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("x-forwarded-proto", StringComparison.OrdinalIgnoreCase));
        headers.Add(new("x-forwarded-for", string.IsNullOrEmpty(forwardedFor) ? remote : forwardedFor + ", " + remote));
        headers.Add(new("x-forwarded-proto", "https"));
        headers.Add(new("x-request-id", Guid.NewGuid().ToString()));
        headers.Add(new("x-envoy-attempt-count", "1"));
        if (IPAddress.TryParse(remote, out var address) && (IPAddress.IsLoopback(address) || IsPrivate(address)))
        {
            headers.Add(new("x-envoy-internal", "true"));
        }

        if (context.Connection.ClientCertificate is { } clientCertificate)
        {
            headers.Add(new(ClientCertificateHeader.Name, ClientCertificateHeader.Format(clientCertificate)));
        }

        var origin = headers.FirstOrDefault(h => h.Key == "x-forwarded-for").Value?.Split(',')[0].Trim() ?? remote;
        return new UpstreamRequest(input.Method, path, input.Query, headers, origin, "https");
    }

    private static bool IsPrivate(IPAddress address)
    {
        var bytes = address.MapToIPv4().GetAddressBytes();
        return bytes[0] == 10 || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31) || (bytes[0] == 192 && bytes[1] == 168);
    }
}
