namespace Dashboard.Core.Ibm;

/// <summary>
/// A failed IKS or IAM call: what happened and what to do, plus IBM's own error fields verbatim. Never contains the
/// API key or a token.
/// </summary>
/// <param name="Kind">The failure class.</param>
/// <param name="Operation">The operation that failed, e.g. <c>get cluster</c>.</param>
/// <param name="HttpStatus">The final HTTP status, when a response arrived.</param>
/// <param name="Message">What happened, naming the cluster (and the role, for 403).</param>
/// <param name="Remedy">What to change to fix it.</param>
public sealed record IksError(IksErrorKind Kind, string Operation, int? HttpStatus, string Message, string Remedy)
{
    /// <summary>IBM's error code verbatim (IKS <c>code</c>, e.g. <c>G0004</c>; IAM <c>errorCode</c>, e.g. <c>BXNIM0415E</c>).</summary>
    public string? Code { get; init; }

    /// <summary>IBM's description verbatim (IKS <c>description</c>; IAM <c>errorMessage</c>).</summary>
    public string? Description { get; init; }

    /// <summary>IKS <c>type</c> verbatim (e.g. <c>General</c>, <c>Authentication</c>).</summary>
    public string? Type { get; init; }

    /// <summary>IKS <c>recoveryCLI</c> verbatim: the CLI command IBM suggests.</summary>
    public string? RecoveryCli { get; init; }

    /// <summary>IKS <c>incidentID</c> verbatim, to quote in a support case.</summary>
    public string? IncidentId { get; init; }

    /// <summary>How long IBM asked the caller to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>How many attempts were made, retries included.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The message and the remedy.</summary>
    public override string ToString() => $"{Message} {Remedy}";
}
