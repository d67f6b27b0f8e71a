using Dashboard.Core.Storage;
using Dashboard.Web.Jobs;
using Dashboard.Web.Options;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;

namespace Dashboard.Web.Hosting;

internal static class JobsSetup
{
    /// <summary>Hangfire on the same database choice as the store; an in-process server unless <c>Jobs:RunServer=false</c>.</summary>
    public static WebApplicationBuilder AddDashboardJobs(this WebApplicationBuilder builder)
    {
        var storage = builder.BindStorageOptions();
        var jobs = builder.Configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        var dataDirectory = storage.ResolveDataDirectory(builder.Environment.ContentRootPath);

        // Hangfire's own registration hands out the process-wide JobStorage.Current and JobActivator.Current; with two
        // apps in one process (the integration tests) one app's jobs would be stored or activated in the other's. Each
        // app registers its own storage and activator first (AddHangfire only TryAdds them).
        JobStorage? appStorage = null;
        builder.Services.AddSingleton<JobStorage>(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>();
            return appStorage!;
        });
        builder.Services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (storage.Provider == StoreProvider.Postgres)
            {
                appStorage = config.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(storage.PostgresConnectionString),
                    new PostgreSqlStorageOptions { SchemaName = "hangfire", QueuePollInterval = jobs.PollInterval, PrepareSchemaIfNecessary = true }).Entry;
            }
            else
            {
                // The directory is created by the store initializer, which runs before the Hangfire server starts.
                appStorage = config.UseSQLiteStorage(Path.Combine(dataDirectory, "jobs.db"), new SQLiteStorageOptions { QueuePollInterval = jobs.PollInterval }).Entry;
            }
        });

        if (jobs.RunServer)
        {
            builder.Services.AddHangfireServer(options =>
            {
                options.WorkerCount = jobs.WorkerCount;
                options.SchedulePollingInterval = jobs.PollInterval;
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapDashboardJobs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            DashboardTitle = "Dashboard jobs",
            AppPath = "/background-jobs",
            Authorization = [new DashboardJobAuthorizationFilter()],
            IsReadOnlyFunc = DashboardJobAuthorizationFilter.IsReadOnly,
            DisplayStorageConnectionString = false,
        }).RequireAuthorization();
        return endpoints;
    }
}
