using Dashboard.Core.Probes;

namespace Dashboard.Core.Setup.Steps;

/// <summary>
/// Step 15: the seed's ALB curl: GET <c>https://httpbin.&lt;ALB domain&gt;&lt;prefix&gt;/418</c> must answer 418, which
/// proves the whole path: client → ALB (its Ingress certificate) → mutual TLS → gateway → httpbin.
/// </summary>
public sealed class VerifyAlbStep : ProbeStep
{
    /// <inheritdoc />
    public override string Id => StepIds.VerifyAlb;

    /// <inheritdoc />
    public override string Title => "Verify the ALB end to end";

    /// <inheritdoc />
    public override SetupStepGroup Group => SetupStepGroup.ConfigureTheAlb;

    /// <inheritdoc />
    protected override async Task<(string? Problem, IReadOnlyList<string> Messages)> ProbeOnceAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = await context.Facts.AlbHostAsync(cancellationToken);
        var request = new ProbeRequest(Url(context, host))
        {
            // The ALB serves its Let's Encrypt Ingress certificate: the target's trust store (ISRG Root X1 and X2, plus
            // the sandbox's root for the sandbox), never the machine's store.
            TrustedCaBundlePem = context.Clients.TrustStore.ToPem(),
            EndpointOverrides = context.Clients.EndpointsFor(host),
            ExpectedStatusCode = 418,
            Timeout = context.Options.ProbeTimeout,
        };
        var result = await context.Clients.Probe.ProbeAsync(request, cancellationToken);
        var message = Describe("through the ALB", result);
        return (result.Succeeded ? null : $"{request.Url}: {result.Failure?.Reason}: {result.Failure?.Message}", [message]);
    }

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<string>> CommandsAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [$"curl {Url(context, await context.Facts.AlbHostAsync(cancellationToken))}   # expect 418"];
    }

    private static Uri Url(StepContext context, string host) => new($"https://{host}{context.Parameters.RoutePrefix.TrimEnd('/')}/418");
}
