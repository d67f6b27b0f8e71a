using System.Text.Json.Serialization;
using Dashboard.Sandbox.Iks.Catalog;
using Dashboard.Sandbox.Iks.Certificates;

namespace Dashboard.Sandbox.Iks.State;

/// <summary>What a subdomain is: the cluster's own Ingress subdomain, or an nlb-dns registration by IP or by host name.</summary>
internal enum RegistrationKind
{
    Ingress,
    Classic,
    Vpc,
}

/// <summary>
/// One subdomain and its certificate, as the simulator keeps it (persisted as JSON). Mutable, but only touched under
/// the registry's lock; every change bumps <see cref="Version"/> so slow lifecycle work can tell whether it is stale.
/// </summary>
internal sealed class IksRegistration
{
    public required string ClusterId { get; init; }

    public required string Host { get; init; }

    public required int Counter { get; init; }

    public required RegistrationKind Kind { get; init; }

    public List<string> Ips { get; set; } = [];

    public string? LbHostname { get; set; }

    public string Type { get; set; } = "public";

    public string DnsType { get; set; } = "public";

    public string SecretNamespace { get; set; } = "default";

    public string MonitorState { get; set; } = "None";

    public string Status { get; set; } = SecretStatus.Creating;

    public DateTimeOffset StatusSince { get; set; }

    /// <summary>When the lifecycle tries again (namespace missing, cluster unreachable, rate limited).</summary>
    public DateTimeOffset? RetryAt { get; set; }

    public IssuedLeaf? Certificate { get; set; }

    /// <summary>The serial of the certificate last written into the bound cluster; null when none is there (as far as we know).</summary>
    public string? SecretInCluster { get; set; }

    public List<DateTimeOffset> Regenerations { get; set; } = [];

    /// <summary>A removed VPC subdomain: invisible to the API; its secret is deleted, then it is dropped.</summary>
    public bool Removed { get; set; }

    [JsonIgnore]
    public long Version { get; set; }

    /// <summary>Set at start and on rebinding: check once that the secret is really in the cluster.</summary>
    [JsonIgnore]
    public bool NeedsVerify { get; set; }

    [JsonIgnore]
    public string SecretName => IksHostNames.SecretName(Host);
}

/// <summary>The certificate statuses IKS reports.</summary>
internal static class SecretStatus
{
    public const string Creating = "creating";
    public const string Created = "created";
    public const string Regenerating = "regenerating";
    public const string RateLimited = "rate_limited";
    public const string Deleted = "deleted";
}

/// <summary>The persisted state: registrations and each cluster's next nlb-dns counter.</summary>
internal sealed class IksStateDocument
{
    public int FormatVersion { get; set; } = 1;

    public List<IksRegistration> Registrations { get; set; } = [];

    public Dictionary<string, int> NextCounter { get; set; } = [];
}
