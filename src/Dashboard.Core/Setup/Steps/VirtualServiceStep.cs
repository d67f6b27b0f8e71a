namespace Dashboard.Core.Setup.Steps;

/// <summary>Step 11: the VirtualService routing the prefix to httpbin:8000 through the Gateway.</summary>
public sealed class VirtualServiceStep : ObjectStep
{
    /// <inheritdoc />
    public override string Id => StepIds.VirtualService;

    /// <inheritdoc />
    public override string Title => "Route the prefix to httpbin";

    /// <inheritdoc />
    public override SetupStepGroup Group => SetupStepGroup.ConfigureTheGateway;

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (kind, manifest) = SetupManifests.VirtualService(context.Profile, context.Parameters, context.SetupId, await context.Facts.GatewayHostsAsync(cancellationToken));
        return [new DesiredObject(kind, manifest)];
    }
}
