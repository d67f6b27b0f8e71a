namespace Dashboard.Core.Setup.Steps;

/// <summary>Step 4: a DestinationRule making sidecars use Istio mutual TLS towards the namespace's services.</summary>
public sealed class DestinationRuleStep : ObjectStep
{
    /// <inheritdoc />
    public override string Id => StepIds.DestinationRule;

    /// <inheritdoc />
    public override string Title => "Use Istio mutual TLS towards the namespace";

    /// <inheritdoc />
    public override SetupStepGroup Group => SetupStepGroup.PrepareTheMesh;

    /// <inheritdoc />
    protected override Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (kind, manifest) = SetupManifests.DestinationRule(context.Profile, context.Parameters.Namespace, context.SetupId);
        return Task.FromResult<IReadOnlyList<DesiredObject>>([new DesiredObject(kind, manifest)]);
    }
}
