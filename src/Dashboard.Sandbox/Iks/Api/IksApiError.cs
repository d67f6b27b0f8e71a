namespace Dashboard.Sandbox.Iks.Api;

/// <summary>An IKS error answer: HTTP status and the body <c>{"incidentID","code","description","type","recoveryCLI"}</c>.</summary>
internal sealed record IksApiError(int Status, string Code, string Description, string Type, string? RecoveryCli = null)
{
    /// <summary>Extra headers, e.g. <c>Retry-After</c>.</summary>
    public int? RetryAfterSeconds { get; init; }
}
