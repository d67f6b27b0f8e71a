namespace Dashboard.Core.Storage;

/// <summary>A target's setup: its id (written onto every object it creates), parameters, profile overrides and markers.</summary>
public sealed class SetupRecord
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }

    /// <summary>The target (its name).</summary>
    public required string TargetId { get; set; }

    /// <summary>The setup id: labels every object this setup writes.</summary>
    public required string SetupId { get; set; }

    /// <summary>Parameters as JSON; null for the seed's defaults.</summary>
    public string? ParametersJson { get; set; }

    /// <summary>Profile overrides as JSON; null when everything is detected.</summary>
    public string? OverridesJson { get; set; }

    /// <summary>Small facts steps remember between runs (e.g. which secret versions the gateway pods loaded), as JSON.</summary>
    public string? MarkersJson { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When it was last changed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One execution of (some of) the setup's steps on a target.</summary>
public sealed class SetupRunRecord
{
    /// <summary>Primary key, also the run id in the API.</summary>
    public Guid Id { get; set; }

    /// <summary>The target (its name).</summary>
    public required string TargetId { get; set; }

    /// <summary>The setup id of the target at the time of the run.</summary>
    public required string SetupId { get; set; }

    /// <summary>State.</summary>
    public SetupRunState State { get; set; }

    /// <summary>The step ids asked for, comma-separated; null for "all remaining steps".</summary>
    public string? RequestedSteps { get; set; }

    /// <summary>Who asked for the run (the audit log's actor).</summary>
    public required string RequestedBy { get; set; }

    /// <summary>Client address of the request, when it came over HTTP.</summary>
    public string? RequestedFrom { get; set; }

    /// <summary>Whether the user consented to take over objects the dashboard does not own and to overwrite fields other managers own.</summary>
    public bool Consent { get; set; }

    /// <summary>When it was requested (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When an executor first started it (UTC).</summary>
    public DateTime? StartedAt { get; set; }

    /// <summary>When it ended (UTC).</summary>
    public DateTime? FinishedAt { get; set; }

    /// <summary>A sentence about the outcome or what it waits for.</summary>
    public string? Message { get; set; }

    /// <summary>The profile the run used, as JSON.</summary>
    public string? ProfileJson { get; set; }

    /// <summary>Set by a cancel request; the executor stops before the next step.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>How many times an executor picked the run up (more than one after a restart or a wait).</summary>
    public int Executions { get; set; }

    /// <summary>When a waiting run polls next (UTC).</summary>
    public DateTime? NextPollAt { get; set; }

    /// <summary>The steps.</summary>
    public List<SetupRunStepRecord> Steps { get; set; } = [];
}

/// <summary>One step of a run: state, result, timings, messages and request counts.</summary>
public sealed class SetupRunStepRecord
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }

    /// <summary>The run.</summary>
    public Guid RunId { get; set; }

    /// <summary>The step id, e.g. <c>namespace</c>.</summary>
    public required string StepId { get; set; }

    /// <summary>The step number, 1..15.</summary>
    public int Number { get; set; }

    /// <summary>State.</summary>
    public SetupStepState State { get; set; }

    /// <summary>When it started (UTC).</summary>
    public DateTime? StartedAt { get; set; }

    /// <summary>When it ended (UTC).</summary>
    public DateTime? FinishedAt { get; set; }

    /// <summary>Time spent executing, summed over executions (a waiting step is not executing).</summary>
    public long DurationMs { get; set; }

    /// <summary>The outcome in one sentence.</summary>
    public string? Summary { get; set; }

    /// <summary>Messages as a JSON array of strings.</summary>
    public string? MessagesJson { get; set; }

    /// <summary>A certificate problem code or other stable code when the step is blocked or failed.</summary>
    public string? Code { get; set; }

    /// <summary>What unblocks a blocked step.</summary>
    public string? Unblock { get; set; }

    /// <summary>The last status seen while waiting (step 8: IKS's certificate status).</summary>
    public string? WaitingStatus { get; set; }

    /// <summary>When a waiting step polls next (UTC).</summary>
    public DateTime? NextPollAt { get; set; }

    /// <summary>How many times the step was polled or executed.</summary>
    public int Attempts { get; set; }

    /// <summary>Kubernetes API requests the step sent.</summary>
    public int KubernetesRequests { get; set; }

    /// <summary>Kubernetes API write requests (create, update, patch, delete) the step sent.</summary>
    public int KubernetesWrites { get; set; }

    /// <summary>IKS and IAM requests the step sent.</summary>
    public int IksRequests { get; set; }
}

/// <summary>An object or IKS registration a setup created, or a pre-existing object it changed.</summary>
public sealed class OwnershipRecord
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }

    /// <summary>The target (its name).</summary>
    public required string TargetId { get; set; }

    /// <summary>The setup id.</summary>
    public required string SetupId { get; set; }

    /// <summary>The step that wrote it.</summary>
    public required string StepId { get; set; }

    /// <summary>A Kubernetes object or an IKS registration.</summary>
    public OwnedResourceType ResourceType { get; set; }

    /// <summary>Kubernetes apiVersion (e.g. <c>networking.istio.io/v1</c>); <c>iks/v1</c> for registrations.</summary>
    public required string ApiVersion { get; set; }

    /// <summary>Kubernetes kind; <c>NlbDnsRegistration</c> for registrations.</summary>
    public required string Kind { get; set; }

    /// <summary>Namespace; null for cluster-scoped objects and registrations.</summary>
    public string? Namespace { get; set; }

    /// <summary>Object name; for a registration the subdomain (or the IP while it is only intended).</summary>
    public required string Name { get; set; }

    /// <summary>Created by the setup, pre-existing and changed, or intended (written just before the change).</summary>
    public OwnershipOrigin Origin { get; set; }

    /// <summary>The pre-existing object's state before the first change, as JSON (encrypted when it is a secret).</summary>
    public string? PriorState { get; set; }

    /// <summary>Extra facts, e.g. the registered IP.</summary>
    public string? Detail { get; set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTime RecordedAt { get; set; }

    /// <summary>When cleanup removed or restored it (UTC).</summary>
    public DateTime? ReleasedAt { get; set; }
}

/// <summary>A lease on a target: the run holding it may change the target; others wait. Works across replicas.</summary>
public sealed class TargetLease
{
    /// <summary>The target (primary key).</summary>
    public required string TargetId { get; set; }

    /// <summary>Who holds it (run id and executor).</summary>
    public required string Holder { get; set; }

    /// <summary>When it lapses unless renewed (UTC).</summary>
    public DateTime ExpiresAt { get; set; }
}

/// <summary>The dashboard-managed private CA of a target (PrivateCa profile); the key is encrypted with Data Protection.</summary>
public sealed class PrivateCaRecord
{
    /// <summary>The target (primary key).</summary>
    public required string TargetId { get; set; }

    /// <summary>The CA certificate (public).</summary>
    public required string CertificatePem { get; set; }

    /// <summary>The CA private key, protected with ASP.NET Data Protection; never shown or logged.</summary>
    public required string ProtectedKey { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }
}

/// <summary>The state of a run.</summary>
public enum SetupRunState
{
    /// <summary>Accepted, not yet picked up (or waiting for the target's lease).</summary>
    Pending,

    /// <summary>An executor is working on it.</summary>
    Running,

    /// <summary>Waiting for something outside (the nlb-dns certificate); polls again at <see cref="SetupRunRecord.NextPollAt"/>.</summary>
    Waiting,

    /// <summary>Every step succeeded.</summary>
    Succeeded,

    /// <summary>A step failed.</summary>
    Failed,

    /// <summary>A step is blocked and needs the user.</summary>
    Blocked,

    /// <summary>Cancelled on request.</summary>
    Cancelled,
}

/// <summary>The state of a step in a run.</summary>
public enum SetupStepState
{
    /// <summary>Not started.</summary>
    Pending,

    /// <summary>Executing.</summary>
    Running,

    /// <summary>Waiting for something outside.</summary>
    Waiting,

    /// <summary>Done (applied and verified, or already in sync).</summary>
    Succeeded,

    /// <summary>Failed.</summary>
    Failed,

    /// <summary>Cannot proceed without the user.</summary>
    Blocked,

    /// <summary>Not needed for this profile, or not reached.</summary>
    Skipped,

    /// <summary>The run was cancelled before or during the step.</summary>
    Cancelled,
}

/// <summary>What an ownership record is about.</summary>
public enum OwnedResourceType
{
    /// <summary>A Kubernetes object.</summary>
    KubernetesObject,

    /// <summary>An IKS nlb-dns registration.</summary>
    IksRegistration,
}

/// <summary>How the setup came to own (or touch) a resource.</summary>
public enum OwnershipOrigin
{
    /// <summary>Written just before a create; confirmed (or found absent) afterwards. Protects against orphans after a crash.</summary>
    Intended,

    /// <summary>The setup created it: cleanup deletes it.</summary>
    Created,

    /// <summary>It existed before and the setup changed it: cleanup restores <see cref="OwnershipRecord.PriorState"/>.</summary>
    PreExisting,
}
