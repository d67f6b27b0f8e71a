using Microsoft.Extensions.Options;

namespace Dashboard.Core.Setup;

/// <summary>Timings of the guided setup (configuration section <c>Setup</c>).</summary>
public sealed class SetupOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Setup";

    /// <summary>Step 8: the first wait before IKS is asked again about the nlb-dns certificate.</summary>
    public TimeSpan NlbPollInitialDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Step 8: the longest wait between polls (the wait doubles from the first).</summary>
    public TimeSpan NlbPollMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Step 8: how long the certificate may stay not ready before the step fails.</summary>
    public TimeSpan NlbWaitTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Steps 2 and 12: how long a rollout may take.</summary>
    public TimeSpan RolloutTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Steps 2 and 12: how often a rollout is checked.</summary>
    public TimeSpan RolloutPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Steps 13 and 15: how long a probe is retried before the step fails (configuration reaches gateways through watches and SDS).</summary>
    public TimeSpan VerifyTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Steps 13 and 15: the wait between probe attempts.</summary>
    public TimeSpan VerifyRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Steps 13 and 15: the timeout of one probe.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a run's lease on its target lasts without renewal (an executor that died loses it after this).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Checks <see cref="SetupOptions"/>, reporting every problem at once.</summary>
public sealed class SetupOptionsValidator : IValidateOptions<SetupOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SetupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Positive(errors, "Setup:NlbPollInitialDelay", options.NlbPollInitialDelay);
        Positive(errors, "Setup:NlbPollMaxDelay", options.NlbPollMaxDelay);
        Positive(errors, "Setup:NlbWaitTimeout", options.NlbWaitTimeout);
        Positive(errors, "Setup:RolloutTimeout", options.RolloutTimeout);
        Positive(errors, "Setup:RolloutPollInterval", options.RolloutPollInterval);
        Positive(errors, "Setup:VerifyTimeout", options.VerifyTimeout);
        Positive(errors, "Setup:VerifyRetryInterval", options.VerifyRetryInterval);
        Positive(errors, "Setup:ProbeTimeout", options.ProbeTimeout);
        Positive(errors, "Setup:LeaseDuration", options.LeaseDuration);
        if (options.NlbPollMaxDelay < options.NlbPollInitialDelay)
        {
            errors.Add($"Setup:NlbPollMaxDelay ({options.NlbPollMaxDelay}) is shorter than Setup:NlbPollInitialDelay ({options.NlbPollInitialDelay}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} is {value}; it must be a positive duration such as 00:00:05.");
        }
    }
}
