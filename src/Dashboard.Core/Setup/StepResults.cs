using Dashboard.Core.Kubernetes;

namespace Dashboard.Core.Setup;

/// <summary>What a step found.</summary>
public enum ObservationKind
{
    /// <summary>The cluster already matches: nothing to do.</summary>
    InSync,

    /// <summary>What the step writes does not exist yet.</summary>
    Missing,

    /// <summary>It exists but differs (see the differences).</summary>
    Drifted,

    /// <summary>The step cannot proceed: the reason and what unblocks it are given.</summary>
    Blocked,

    /// <summary>Something outside is in progress (the nlb-dns certificate); the step polls again later.</summary>
    Waiting,
}

/// <summary>One field that differs between what the step writes and what the cluster has.</summary>
/// <param name="Target">The object, <c>Kind namespace/name</c>.</param>
/// <param name="Path">The field, e.g. <c>spec.servers[0].tls.mode</c>.</param>
/// <param name="Desired">What the step writes (secret values are never shown).</param>
/// <param name="Live">What the cluster has.</param>
/// <param name="ChangedBy">Field managers other than the dashboard that manage the object, when any.</param>
public sealed record FieldDifference(string Target, string Path, string? Desired, string? Live, string? ChangedBy);

/// <summary>The result of <see cref="ISetupStep.ObserveAsync"/>.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Summary">One sentence.</param>
public sealed record StepObservation(ObservationKind Kind, string Summary)
{
    /// <summary>Drifted: the differing fields.</summary>
    public IReadOnlyList<FieldDifference> Differences { get; init; } = [];

    /// <summary>Blocked: what unblocks it.</summary>
    public string? Unblock { get; init; }

    /// <summary>Blocked: a stable code (a certificate problem code, or a setup code such as <c>SETUP_NOT_OWNED</c>).</summary>
    public string? Code { get; init; }

    /// <summary>Waiting: the last status seen.</summary>
    public string? WaitingStatus { get; init; }

    /// <summary>Facts the step discovered (ALB domain, gateway IP, nlb host, ...), for display.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();

    /// <summary>An observation saying the step is in sync.</summary>
    public static StepObservation InSync(string summary) => new(ObservationKind.InSync, summary);

    /// <summary>An observation saying the step is blocked.</summary>
    public static StepObservation Blocked(string reason, string unblock, string? code = null) => new(ObservationKind.Blocked, reason) { Unblock = unblock, Code = code };
}

/// <summary>One object a step would write.</summary>
/// <param name="ApiVersion">The apiVersion it is written as (the highest the cluster serves, or the seed's in Legacy).</param>
/// <param name="Kind">Its kind, e.g. <c>Gateway</c>.</param>
/// <param name="Namespace">Its namespace; null for cluster-scoped objects.</param>
/// <param name="Name">Its name, from the setup's parameters or IKS's facts.</param>
/// <param name="Action"><c>create</c>, <c>update</c>, <c>adopt</c> (take over a pre-existing object) or <c>none</c>.</param>
/// <param name="Yaml">The object as YAML; for secrets the keys with sizes and certificate summaries, never values.</param>
/// <param name="Diff">A unified diff of the live object against it (secrets compared by fingerprint); no lines when equal.</param>
public sealed record PlannedObject(string ApiVersion, string Kind, string? Namespace, string Name, string Action, string Yaml, ManifestDiff Diff);

/// <summary>The result of <see cref="ISetupStep.PlanAsync"/>.</summary>
/// <param name="Observation">What is there now.</param>
/// <param name="Objects">What it would write.</param>
/// <param name="Commands">Equivalent kubectl / ibmcloud commands.</param>
public sealed record StepPlan(StepObservation Observation, IReadOnlyList<PlannedObject> Objects, IReadOnlyList<string> Commands);

/// <summary>How an apply, verify or cleanup ended.</summary>
public enum OutcomeKind
{
    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>An error; the message says what and how to fix it.</summary>
    Failed,

    /// <summary>Cannot proceed without the user.</summary>
    Blocked,

    /// <summary>Waiting for something outside; poll again.</summary>
    Waiting,
}

/// <summary>The result of <see cref="ISetupStep.ApplyAsync"/>, <see cref="ISetupStep.VerifyAsync"/> or <see cref="ISetupStep.CleanupAsync"/>.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Summary">One sentence.</param>
public sealed record StepOutcome(OutcomeKind Kind, string Summary)
{
    /// <summary>Details, in order.</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];

    /// <summary>A stable code when blocked or failed.</summary>
    public string? Code { get; init; }

    /// <summary>What unblocks it.</summary>
    public string? Unblock { get; init; }

    /// <summary>Waiting: the last status.</summary>
    public string? WaitingStatus { get; init; }

    /// <summary>What changed, for the audit log (empty when nothing did).</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>A success.</summary>
    public static StepOutcome Success(string summary, params string[] messages) => new(OutcomeKind.Succeeded, summary) { Messages = messages };

    /// <summary>A failure.</summary>
    public static StepOutcome Failure(string summary, string? code = null, params string[] messages) => new(OutcomeKind.Failed, summary) { Code = code, Messages = messages };

    /// <summary>Blocked, from an observation.</summary>
    public static StepOutcome From(StepObservation blocked) => blocked.Kind == ObservationKind.Waiting
        ? new(OutcomeKind.Waiting, blocked.Summary) { WaitingStatus = blocked.WaitingStatus }
        : new(OutcomeKind.Blocked, blocked.Summary) { Code = blocked.Code, Unblock = blocked.Unblock };
}

/// <summary>Stable codes of setup conditions that are not certificate problems.</summary>
public static class SetupCodes
{
    /// <summary>An object exists that the dashboard did not create; consent is needed to take it over.</summary>
    public const string NotOwned = "SETUP_NOT_OWNED";

    /// <summary>Fields the dashboard manages were changed by another field manager; consent is needed to take them back.</summary>
    public const string FieldConflict = "SETUP_FIELD_CONFLICT";

    /// <summary>An earlier step has not produced what this step needs.</summary>
    public const string Prerequisite = "SETUP_PREREQUISITE";

    /// <summary>The gateway's LoadBalancer Service has no external address.</summary>
    public const string NoExternalAddress = "SETUP_NO_EXTERNAL_ADDRESS";

    /// <summary>IKS refused or failed a call.</summary>
    public const string Iks = "SETUP_IKS";

    /// <summary>The nlb-dns certificate did not become ready in time.</summary>
    public const string CertificateTimeout = "SETUP_CERTIFICATE_TIMEOUT";

    /// <summary>A generated object did not validate against the schemas (a bug in the dashboard).</summary>
    public const string SchemaInvalid = "SETUP_SCHEMA_INVALID";

    /// <summary>The Kubernetes API refused a request.</summary>
    public const string Kubernetes = "SETUP_KUBERNETES";

    /// <summary>A verification probe did not get the expected answer.</summary>
    public const string Probe = "SETUP_PROBE";

    /// <summary>A rollout did not complete in time.</summary>
    public const string RolloutTimeout = "SETUP_ROLLOUT_TIMEOUT";

    /// <summary>The profile or parameters are unusable.</summary>
    public const string Profile = "SETUP_PROFILE";
}
