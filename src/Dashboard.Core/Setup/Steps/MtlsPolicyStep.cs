namespace Dashboard.Core.Setup.Steps;

/// <summary>Step 3: require mutual TLS in the namespace: Policy v1alpha1 (Legacy) or PeerAuthentication STRICT (Current, highest served version).</summary>
public sealed class MtlsPolicyStep : ObjectStep
{
    /// <inheritdoc />
    public override string Id => StepIds.MtlsPolicy;

    /// <inheritdoc />
    public override string Title => "Require mutual TLS in the namespace";

    /// <inheritdoc />
    public override SetupStepGroup Group => SetupStepGroup.PrepareTheMesh;

    /// <inheritdoc />
    protected override Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (kind, manifest) = SetupManifests.MtlsPolicy(context.Profile, context.Parameters.Namespace, context.SetupId);
        return Task.FromResult<IReadOnlyList<DesiredObject>>([new DesiredObject(kind, manifest)]);
    }
}
