using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.DataPlane.Tls;

/// <summary>
/// A Kestrel HTTPS listener whose TLS options are chosen per connection (by SNI) and whose every request goes to one
/// handler. Built on an empty host: it reads no configuration, so nothing of the surrounding app leaks in.
/// </summary>
internal sealed class TlsListenerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TlsListenerHost(WebApplication app, IPEndPoint endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>Where the listener accepts connections.</summary>
    public IPEndPoint Endpoint { get; }

    public static async Task<TlsListenerHost> StartAsync(
        IPAddress address, int port, TlsHandshakeCallbackOptions tls, RequestDelegate handler, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<ILoggerFactory>(new ListenerLoggerFactory(loggers));
        builder.Services.AddLogging();
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(tls);
            });
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        return new TlsListenerHost(app, new IPEndPoint(address, new Uri(bound).Port));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
