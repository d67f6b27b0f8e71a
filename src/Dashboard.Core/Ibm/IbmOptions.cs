namespace Dashboard.Core.Ibm;

/// <summary>Where the IBM Cloud APIs are and how patiently to call them (configuration section <c>Ibm</c>).</summary>
public sealed class IbmOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Ibm";

    /// <summary>The IKS API base URL, including the <c>/global</c> path; the sandbox points it at its simulator.</summary>
    public string ApiBaseUrl { get; set; } = "https://containers.cloud.ibm.com/global";

    /// <summary>The IAM token endpoint (the full URL of <c>POST /identity/token</c>).</summary>
    public string IamTokenUrl { get; set; } = "https://iam.cloud.ibm.com/identity/token";

    /// <summary>How long one HTTP attempt may take before it is abandoned (and retried when the call is idempotent).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a call may take in total, retries and their delays included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Automatic retries after the first attempt (idempotent calls only; 0 turns retries off).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first back-off delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between attempts. A <c>Retry-After</c> longer than this is not waited out: the call gives up
    /// at once with a rate-limit error that says when to try again.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
