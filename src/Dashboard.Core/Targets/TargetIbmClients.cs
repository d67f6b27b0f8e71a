using System.Collections.Concurrent;
using Dashboard.Core.Ibm;
using Dashboard.Core.Ibm.Http;
using Dashboard.Core.Ibm.Iam;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Targets;

/// <summary>
/// IKS clients per target endpoint set. The IBM client reads its URLs from <c>Ibm</c> options, which hold one pair of
/// URLs for the whole process; targets may differ (the sandbox target talks to the simulator while a real target
/// talks to IBM Cloud at the same time), so each distinct (IKS URL, IAM URL, clock) gets its own client and token
/// cache over the same resilience pipeline as the registered one. Requests are counted per setup step.
/// </summary>
internal sealed class TargetIbmClients(IHttpClientFactory httpClients, IOptionsMonitor<IbmOptions> options, ILoggerFactory loggers)
{
    public const string IksClientName = "Dashboard.Targets.Iks";
    public const string IamClientName = "Dashboard.Targets.Iam";

    private readonly ConcurrentDictionary<(string Iks, string Iam, TimeProvider Clock), IIksClient> _clients = new();

    public IIksClient For(TargetConnectionSettings connection, TimeProvider clock)
    {
        var current = options.CurrentValue;
        var iks = connection.IksApiBaseUrl?.ToString() ?? current.ApiBaseUrl;
        var iam = connection.IamTokenUrl?.ToString() ?? current.IamTokenUrl;
        return _clients.GetOrAdd((iks, iam, clock), key =>
        {
            var monitor = new FixedOptions(Copy(current, key.Iks, key.Iam));
            var tokens = new IamTokenProvider(new IamTokenClient(httpClients.CreateClient(IamClientName), monitor, key.Clock), key.Clock, loggers.CreateLogger<IamTokenProvider>());
            return new IksClient(httpClients.CreateClient(IksClientName), tokens, monitor, key.Clock, loggers.CreateLogger<IksClient>());
        });
    }

    /// <summary>Registers the two named HttpClients with the IBM resilience pipeline and request counting.</summary>
    public static void Register(IServiceCollection services)
    {
        foreach (var name in new[] { IksClientName, IamClientName })
        {
            var builder = services.AddHttpClient(name);
            builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
            builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
            builder.SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            builder.RemoveAllLoggers();
            builder.AddResilienceHandler("ibm-target", (pipeline, context) =>
            {
                var current = context.ServiceProvider.GetRequiredService<IOptionsMonitor<IbmOptions>>().CurrentValue;
                IbmResilience.Configure(pipeline, current, TimeProvider.System);
            });
            builder.AddHttpMessageHandler(() => new CountingHandler(kubernetes: false));
        }
    }

    private static IbmOptions Copy(IbmOptions o, string iks, string iam) => new()
    {
        ApiBaseUrl = iks,
        IamTokenUrl = iam,
        AttemptTimeout = o.AttemptTimeout,
        TotalTimeout = o.TotalTimeout,
        MaxRetries = o.MaxRetries,
        RetryBaseDelay = o.RetryBaseDelay,
        MaxRetryDelay = o.MaxRetryDelay,
    };

    private sealed class FixedOptions(IbmOptions value) : IOptionsMonitor<IbmOptions>
    {
        public IbmOptions CurrentValue => value;

        public IbmOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<IbmOptions, string?> listener) => null;
    }
}
