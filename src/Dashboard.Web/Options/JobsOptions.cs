using Microsoft.Extensions.Options;

namespace Dashboard.Web.Options;

/// <summary>Background job settings (<c>Jobs</c> section).</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Runs a Hangfire server in this process; turn off for web-only replicas.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Hangfire workers in this process.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often idle workers look for new jobs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var errors = new List<string>();
        if (options.WorkerCount is < 1 or > 64)
        {
            errors.Add($"Jobs:WorkerCount is {options.WorkerCount}: use 1 to 64.");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add("Jobs:PollInterval must be between 00:00:00.1 and 00:05:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
