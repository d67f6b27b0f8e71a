using Dashboard.Core.Storage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services;

/// <summary>Facts about this installation for the overview and jobs pages.</summary>
public sealed record SystemSnapshot(StoreProvider Store, string DataDirectory, bool RunsJobServer, JobCounts Jobs, string Version);

/// <summary>Hangfire's counters.</summary>
public sealed record JobCounts(long Servers, long Recurring, long Enqueued, long Scheduled, long Processing, long Succeeded, long Failed);

/// <summary>Reads the installation's state; no cluster access.</summary>
public sealed class SystemStatus(IOptions<StorageOptions> storage, IOptions<Options.JobsOptions> jobs, Hosting.DataDirectory data, JobStorage jobStorage)
{
    public SystemSnapshot Read()
    {
        var stats = jobStorage.GetMonitoringApi().GetStatistics();
        var counts = new JobCounts(stats.Servers, stats.Recurring, stats.Enqueued, stats.Scheduled, stats.Processing, stats.Succeeded, stats.Failed);
        var version = typeof(SystemStatus).Assembly.GetName().Version?.ToString() ?? "dev";
        return new SystemSnapshot(storage.Value.Provider, data.Path, jobs.Value.RunServer, counts, version);
    }
}
