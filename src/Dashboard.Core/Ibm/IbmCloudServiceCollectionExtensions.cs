using Dashboard.Core.Ibm.Http;
using Dashboard.Core.Ibm.Iam;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Ibm;

/// <summary>Registers the IBM Cloud clients.</summary>
public static class IbmCloudServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IIksClient"/> and <see cref="IIamTokenProvider"/> with options from the <c>Ibm</c> section
    /// (validated at start), typed HttpClients with the shared resilience pipeline, and the system clock unless a
    /// <see cref="TimeProvider"/> is already registered. The clients pool connections with a bounded lifetime, so
    /// they may be held by singletons.
    /// </summary>
    public static IServiceCollection AddIbmCloud(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IbmOptions>().Bind(configuration.GetSection(IbmOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IbmOptions>, IbmOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        Configure(services.AddHttpClient<IamTokenClient>());
        Configure(services.AddHttpClient<IIksClient, IksClient>());

        // Singleton: the token cache must outlive every request.
        services.TryAddSingleton<IIamTokenProvider, IamTokenProvider>();
        return services;
    }

    private static void Configure(IHttpClientBuilder builder)
    {
        // The resilience pipeline owns the timeouts; HttpClient's own 100 s timeout would cut it short.
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        builder.SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        // The default HttpClient loggers put raw header values (the bearer token) into the structured state of their
        // Trace records even when the message is redacted; the clients log what matters themselves.
        builder.RemoveAllLoggers();
        builder.AddResilienceHandler("ibm", (pipeline, context) =>
        {
            context.EnableReloads<IbmOptions>();
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<IbmOptions>>().CurrentValue;
            IbmResilience.Configure(pipeline, options, context.ServiceProvider.GetRequiredService<TimeProvider>());
        });
    }
}
