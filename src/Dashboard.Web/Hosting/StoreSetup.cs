using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Options;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.Hosting;

internal static class StoreSetup
{
    /// <summary>The EF Core store (SQLite or PostgreSQL), data protection keys in it, the audit log, and the start-up initializer.</summary>
    public static WebApplicationBuilder AddDashboardStorage(this WebApplicationBuilder builder)
    {
        var storage = builder.BindStorageOptions();
        var dataDirectory = storage.ResolveDataDirectory(builder.Environment.ContentRootPath);
        builder.Services.AddDashboardStore(storage, dataDirectory);
        builder.Services.AddSingleton(new DataDirectory(dataDirectory));
        builder.Services.AddSingleton<StoreMigrator>();
        builder.Services.AddSingleton<IAuditLog, AuditLog>();

        var protection = builder.Services.AddDataProtection().SetApplicationName("iks-istio-mtls-dashboard");
        if (storage.Provider == StoreProvider.Postgres)
        {
            protection.PersistKeysToDbContext<PostgresDashboardDbContext>();
        }
        else
        {
            protection.PersistKeysToDbContext<SqliteDashboardDbContext>();
        }
        builder.Services.AddSingleton<StoreInitializer>();
        var json = (builder.Configuration.GetSection(LoggingOptions.SectionName).Get<LoggingOptions>() ?? new LoggingOptions()).IsJson;
        builder.Services.TryAddSingleton(sp => new ConsoleAnnouncer(Console.Out, json, sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    internal static StorageOptions BindStorageOptions(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        options.PostgresConnectionString ??= builder.Configuration.GetConnectionString("Dashboard");
        return options;
    }
}

/// <summary>The absolute data directory (SQLite files, sandbox state).</summary>
public sealed record DataDirectory(string Path);
