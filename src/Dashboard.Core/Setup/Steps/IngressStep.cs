namespace Dashboard.Core.Setup.Steps;

/// <summary>Step 14: the ALB Ingress <c>httpbin.&lt;ALB domain&gt;</c> → istio-ingressgateway:443 with the flavour's upstream-TLS annotations.</summary>
public sealed class IngressStep : ObjectStep
{
    /// <inheritdoc />
    public override string Id => StepIds.Ingress;

    /// <inheritdoc />
    public override string Title => "Send the ALB's traffic to the gateway";

    /// <inheritdoc />
    public override SetupStepGroup Group => SetupStepGroup.ConfigureTheAlb;

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (_, albSecret) = await context.Facts.AlbAsync(cancellationToken);
        var (kind, manifest) = SetupManifests.Ingress(context.Profile, context.Parameters, context.SetupId,
            await context.Facts.AlbHostAsync(cancellationToken), albSecret, await context.Facts.GatewayHostAsync(cancellationToken));
        return [new DesiredObject(kind, manifest)];
    }
}
