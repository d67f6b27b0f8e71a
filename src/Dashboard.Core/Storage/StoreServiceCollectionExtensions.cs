using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core.Storage;

/// <summary>Registers the store for the provider the options select.</summary>
public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IDbContextFactory{DashboardDbContext}"/> for SQLite (a file under <paramref name="dataDirectory"/>)
    /// or PostgreSQL. A factory, not a scoped context: Blazor circuits and jobs outlive a request scope.
    /// </summary>
    public static IServiceCollection AddDashboardStore(this IServiceCollection services, StorageOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == StoreProvider.Postgres)
        {
            services.AddDbContextFactory<PostgresDashboardDbContext>(o => o.UseNpgsql(options.PostgresConnectionString));
            services.TryAddSingleton<IDbContextFactory<DashboardDbContext>, ContextFactory<PostgresDashboardDbContext>>();
        }
        else
        {
            var path = Path.Combine(dataDirectory, "dashboard.db");
            services.AddDbContextFactory<SqliteDashboardDbContext>(o => o.UseSqlite($"Data Source={path}"));
            services.TryAddSingleton<IDbContextFactory<DashboardDbContext>, ContextFactory<SqliteDashboardDbContext>>();
        }

        return services;
    }

    private sealed class ContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<DashboardDbContext>
        where TContext : DashboardDbContext
    {
        public DashboardDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
