using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>The Kestrel listener: HTTPS with HTTP/1.1 and HTTP/2 (ALPN), one request delegate, nothing else.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = new("https://127.0.0.1/");

    public static async Task<ApiHost> StartAsync(IPAddress address, int port, X509Certificate2 certificate, RequestDelegate handler, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(ApiHost).Assembly.GetName().Name });
        builder.Services.AddLogging();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, EmbeddedLifetime>());
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestBody.DrainLimitBytes;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.Listen(address, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken);
        var host = new ApiHost(app);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        host.BaseAddress = new Uri($"https://{(address.Equals(IPAddress.IPv6Loopback) ? "[::1]" : address.ToString())}:{uri.Port}/");
        return host;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>The embedding process owns the lifetime: no console handlers, no status messages.</summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
