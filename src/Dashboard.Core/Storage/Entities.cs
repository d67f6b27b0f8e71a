namespace Dashboard.Core.Storage;

/// <summary>A person who signs in to the dashboard.</summary>
public sealed class UserAccount
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }

    /// <summary>Unique, case-insensitive sign-in name (stored lower-case).</summary>
    public required string UserName { get; set; }

    /// <summary>ASP.NET Core Identity password hash; never the password.</summary>
    public required string PasswordHash { get; set; }

    /// <summary>What the user may do.</summary>
    public DashboardRole Role { get; set; }

    /// <summary>Changes whenever the role, password or enabled state changes, so that existing sessions are re-checked.</summary>
    public required string SecurityStamp { get; set; }

    /// <summary>A disabled user can neither sign in nor use tokens.</summary>
    public bool Disabled { get; set; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Last successful sign-in (UTC).</summary>
    public DateTime? LastLoginAt { get; set; }

    /// <summary>Failed sign-ins since the last successful one; drives the lockout.</summary>
    public int FailedSignIns { get; set; }

    /// <summary>Sign-ins are refused until then (UTC) after too many failures; in the store so every replica honours it.</summary>
    public DateTime? LockedUntil { get; set; }
}

/// <summary>A bearer token for <c>/api</c>; only its SHA-256 hash is stored.</summary>
public sealed class ApiToken
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }

    /// <summary>Owner.</summary>
    public int UserId { get; set; }

    /// <summary>Owner navigation.</summary>
    public UserAccount? User { get; set; }

    /// <summary>A label the owner chose, e.g. "CI pipeline".</summary>
    public required string Name { get; set; }

    /// <summary>Hex SHA-256 of the token; the token itself is shown once and never stored.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The first characters of the token, so the owner can recognise it in lists.</summary>
    public required string Prefix { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Optional expiry (UTC).</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>When it was revoked (UTC); a revoked token is refused.</summary>
    public DateTime? RevokedAt { get; set; }

    /// <summary>Last time a request authenticated with it (UTC).</summary>
    public DateTime? LastUsedAt { get; set; }
}

/// <summary>A cluster the dashboard manages: Kubernetes access plus the IBM Cloud account and IKS cluster.</summary>
public sealed class TargetEntity
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }

    /// <summary>Unique display name, e.g. "sandbox" or "prod-us-south".</summary>
    public required string Name { get; set; }

    /// <summary>Path of the kubeconfig file; null with <see cref="InCluster"/>.</summary>
    public string? KubeconfigPath { get; set; }

    /// <summary>Context in the kubeconfig; null for its current context.</summary>
    public string? KubeContext { get; set; }

    /// <summary>Use the pod's service account instead of a kubeconfig.</summary>
    public bool InCluster { get; set; }

    /// <summary>IKS cluster name or id.</summary>
    public string? IksClusterName { get; set; }

    /// <summary>The IBM Cloud API key, encrypted with ASP.NET Data Protection; never shown.</summary>
    public string? ProtectedApiKey { get; set; }

    /// <summary>Where the target came from: the store, configuration or the sandbox.</summary>
    public TargetSource Source { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }
}

/// <summary>Where a target is defined.</summary>
public enum TargetSource
{
    /// <summary>Created through the UI or /api.</summary>
    Store,

    /// <summary>Defined under <c>Targets:n</c> in configuration.</summary>
    Configuration,

    /// <summary>The embedded sandbox cluster.</summary>
    Sandbox,
}

/// <summary>One change made through the dashboard: who, when, what, and the result.</summary>
public sealed class AuditEntry
{
    /// <summary>Primary key, increasing with time.</summary>
    public long Id { get; set; }

    /// <summary>When it happened (UTC).</summary>
    public DateTime Timestamp { get; set; }

    /// <summary>The user name, or "system" for jobs.</summary>
    public required string Actor { get; set; }

    /// <summary>A stable action name such as <c>auth.login</c> or <c>token.create</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What it acted on, e.g. a user name or token name.</summary>
    public string? Subject { get; set; }

    /// <summary>The outcome.</summary>
    public AuditResult Result { get; set; }

    /// <summary>Free text details; never secrets.</summary>
    public string? Details { get; set; }

    /// <summary>Client address, when the change came over HTTP.</summary>
    public string? RemoteAddress { get; set; }
}
