using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core.Probes;

/// <summary>Registers the mTLS probe.</summary>
public static class ProbeServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IMtlsProbe"/> as a singleton (it is stateless; every probe builds its own handler) and
    /// <see cref="TimeProvider.System"/> unless a clock is already registered (the sandbox registers its own).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddMtlsProbe(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMtlsProbe, MtlsProbe>();
        return services;
    }
}
