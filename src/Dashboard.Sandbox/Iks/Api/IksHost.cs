using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.Iks.Api;

/// <summary>The simulator's Kestrel listener (plain HTTP on loopback) with IAM under <c>/identity</c> and IKS under <c>/global</c>.</summary>
internal sealed class IksHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IksHost(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Root { get; }

    public static async Task<IksHost> StartAsync(IPAddress address, int port, IksApiContext context, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(IksHost).Assembly.GetName().Name });
        builder.Services.AddLogging();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, NoConsoleLifetime>());
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        var app = builder.Build();
        app.UseRouting();
        Map(app, context);
        await app.StartAsync(cancellationToken);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        var host = address.Equals(IPAddress.IPv6Loopback) ? "[::1]" : address.ToString();
        return new IksHost(app, new Uri($"http://{host}:{bound.Port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static void Map(IEndpointRouteBuilder app, IksApiContext context)
    {
        var http = new IksHttp(context);
        var iam = new IamEndpoint(context, http);
        var clusters = new ClusterHandlers(context, http);
        var nlb = new NlbDnsHandlers(context, http);
        var faults = new FaultEndpoint(context);

        app.MapPost("/identity/token", iam.HandleAsync);
        app.MapGet("/global/v1/clusters/{idOrName}", clusters.V1());
        app.MapGet("/global/v2/getCluster", clusters.V2("v2.getCluster", null));
        app.MapGet("/global/v2/vpc/getCluster", clusters.V2("v2.vpc.getCluster", "vpc"));
        app.MapGet("/global/v2/classic/getCluster", clusters.V2("v2.classic.getCluster", "classic"));
        app.MapGet("/global/v1/nlb-dns/clusters/{idOrName}/list", nlb.ListV1());
        app.MapPost("/global/v1/nlb-dns/clusters/{idOrName}/register", nlb.Register());
        app.MapPut("/global/v1/nlb-dns/clusters/{idOrName}/add", nlb.Add());
        app.MapDelete("/global/v1/nlb-dns/clusters/{idOrName}/host/{nlbHost}/ip/{nlbIP}/remove", nlb.RemoveIp());
        app.MapGet("/global/v2/nlb-dns/getNlbDNSList", nlb.ListV2());
        app.MapPost("/global/v2/nlb-dns/vpc/createNlbDNS", nlb.CreateVpc());
        app.MapPost("/global/v2/nlb-dns/vpc/removeLBHostname", nlb.RemoveVpc());
        app.MapPost("/global/v2/nlb-dns/regenerateCert", nlb.Regenerate());
        app.MapPost("/global/v2/nlb-dns/deleteSecret", nlb.DeleteSecret());
        app.MapGet("/sandbox/faults", faults.GetAsync);
        app.MapPost("/sandbox/faults", faults.PostAsync);
        app.MapDelete("/sandbox/faults", faults.DeleteAsync);
        app.MapFallback(async httpContext =>
        {
            context.Counters.Count("unknown");
            await IksHttp.WriteErrorAsync(httpContext, IksErrorCatalog.RouteNotFound(httpContext.Request.Path));
        });
    }

    /// <summary>The embedding process owns the lifetime: no console handlers, no status messages.</summary>
    private sealed class NoConsoleLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
