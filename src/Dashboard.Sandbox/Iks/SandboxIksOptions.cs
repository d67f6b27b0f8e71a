using Dashboard.Certificates.Issuance;

namespace Dashboard.Sandbox.Iks;

/// <summary>Configuration of the IKS + IAM simulator (configuration section <c>Sandbox:Iks</c>).</summary>
public sealed class SandboxIksOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Sandbox:Iks";

    /// <summary>Where the CA, the registrations and the token signing key live: <c>&lt;DataDirectory&gt;/sandbox/iks</c>. Required.</summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>Loopback address to listen on.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one at each start.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The kubeconfig of the cluster that clusters with <see cref="SandboxIksClusterOptions.BindToKubernetes"/> write
    /// their certificate secrets into (the sandbox Kubernetes simulator's, or a real cluster's). Can be set later with
    /// <see cref="SandboxIksSimulator.BindKubeconfigAsync"/>.
    /// </summary>
    public string? KubeconfigPath { get; set; }

    /// <summary>Whether the default sandbox account (API key <c>sandbox-api-key</c>) and its clusters exist besides configured ones.</summary>
    public bool IncludeDefaults { get; set; } = true;

    /// <summary>Extra accounts.</summary>
    public List<SandboxIksAccountOptions> Accounts { get; set; } = [];

    /// <summary>Extra clusters.</summary>
    public List<SandboxIksClusterOptions> Clusters { get; set; } = [];

    /// <summary>How long a new or regenerated certificate stays <c>creating</c>/<c>regenerating</c> (IKS: minutes).</summary>
    public TimeSpan IssueDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a registration waiting for its secret namespace (or an unreachable cluster) tries again.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Leaf lifetime (Let's Encrypt: 90 days).</summary>
    public TimeSpan CertificateLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Renewal this long before expiry (IKS: 37 days).</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromDays(37);

    /// <summary>Adds the clientAuth EKU to leaves, as Let's Encrypt certificates had before 2026 (default: serverAuth only).</summary>
    public bool IssueClientAuth { get; set; }

    /// <summary>The leaves' key type (Let's Encrypt's default: RSA 2048).</summary>
    public KeyType LeafKeyType { get; set; } = KeyType.Rsa2048;

    /// <summary>The sandbox root's and intermediate's key type (ECDSA P-384 keeps the first start fast).</summary>
    public KeyType CaKeyType { get; set; } = KeyType.EcdsaP384;

    /// <summary>IAM access token lifetime (IAM: 1 hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a <c>rate_limited</c> certificate waits before IKS tries again (IKS: 7 days).</summary>
    public TimeSpan RateLimitBackoff { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Whether registrations and the CA survive restarts (false: in memory only).</summary>
    public bool PersistState { get; set; } = true;

    /// <summary>Faults to inject from the start (the <c>/sandbox/faults</c> endpoint changes them at run time).</summary>
    public SandboxIksFaultOptions Faults { get; set; } = new();
}

/// <summary>An IBM Cloud account of the simulator.</summary>
public sealed class SandboxIksAccountOptions
{
    /// <summary>The account ID (32 hex digits, as IBM's).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The account's display name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The owner's e-mail (IBMid).</summary>
    public string Owner { get; set; } = string.Empty;

    /// <summary>The account's DNS hash in subdomains (32 hex digits); derived from the ID when empty.</summary>
    public string? DnsHash { get; set; }

    /// <summary>API keys that authenticate as a user of this account.</summary>
    public List<SandboxIksApiKeyOptions> ApiKeys { get; set; } = [];
}

/// <summary>An API key and the IAM platform role its identity has on the account's clusters.</summary>
public sealed class SandboxIksApiKeyOptions
{
    /// <summary>The key's value.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary><c>Viewer</c>, <c>Operator</c>, <c>Editor</c> or <c>Administrator</c>.</summary>
    public string Role { get; set; } = "Administrator";

    /// <summary>Whose key it is (an e-mail); the account owner when empty.</summary>
    public string? Owner { get; set; }
}

/// <summary>A cluster of the simulator.</summary>
public sealed class SandboxIksClusterOptions
{
    /// <summary>The cluster name (lowercase letters, digits, dashes).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The cluster ID; derived from the name when empty.</summary>
    public string? Id { get; set; }

    /// <summary>The owning account's ID; the default sandbox account when empty.</summary>
    public string? AccountId { get; set; }

    /// <summary>The region, e.g. <c>us-south</c>.</summary>
    public string Region { get; set; } = "us-south";

    /// <summary><c>classic</c> or <c>vpc-gen2</c>.</summary>
    public string Provider { get; set; } = "classic";

    /// <summary>Whether certificate secrets are written into the bound Kubernetes cluster (<see cref="SandboxIksOptions.KubeconfigPath"/>).</summary>
    public bool BindToKubernetes { get; set; }

    /// <summary>Classic: the ALB's public IPs, which the Ingress subdomain resolves to.</summary>
    public List<string> AlbIps { get; set; } = [];

    /// <summary>VPC: the ALB's load balancer host name.</summary>
    public string? AlbHostname { get; set; }

    /// <summary>The master's Kubernetes version.</summary>
    public string MasterKubeVersion { get; set; } = "1.33.5_1536";
}

/// <summary>Injected faults. With every rate 0 and nothing scripted, the simulator is deterministic.</summary>
public sealed class SandboxIksFaultOptions
{
    /// <summary>Share of IKS requests answered 429 (0 to 1).</summary>
    public double Rate429 { get; set; }

    /// <summary>Share of IKS requests answered 500 (0 to 1).</summary>
    public double Rate500 { get; set; }

    /// <summary>Share of IKS requests answered 503 (0 to 1).</summary>
    public double Rate503 { get; set; }

    /// <summary>The <c>Retry-After</c> seconds sent with injected 429 and 503 answers.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Extra latency before every IKS and IAM answer.</summary>
    public TimeSpan ExtraLatency { get; set; }

    /// <summary>IAM answers 503 to every token request.</summary>
    public bool IamOutage { get; set; }

    /// <summary>New and regenerating certificates stay <c>creating</c>/<c>regenerating</c> until this is turned off.</summary>
    public bool StuckCreating { get; set; }

    /// <summary>Regenerations per subdomain within 24 hours before the certificate turns <c>rate_limited</c> (IBM: 5 a day).</summary>
    public int RegenerateDailyLimit { get; set; } = 5;

    /// <summary>Seed of the fault dice, for reproducible random faults; random when null.</summary>
    public int? Seed { get; set; }

    /// <summary>A copy.</summary>
    public SandboxIksFaultOptions Clone() => (SandboxIksFaultOptions)MemberwiseClone();
}
