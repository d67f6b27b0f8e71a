using Dashboard.Certificates.Layouts;

namespace Dashboard.Core.Setup.Steps;

/// <summary>Step 10: the Gateway on port 443 with tls MUTUAL: file paths in Legacy (as the seed), <c>credentialName</c> in Current.</summary>
public sealed class GatewayStep : ObjectStep
{
    /// <inheritdoc />
    public override string Id => StepIds.Gateway;

    /// <inheritdoc />
    public override string Title => "Define the mutual TLS Gateway";

    /// <inheritdoc />
    public override SetupStepGroup Group => SetupStepGroup.ConfigureTheGateway;

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hosts = await context.Facts.GatewayHostsAsync(cancellationToken);
        var credential = await context.Facts.GatewayCredentialNameAsync(cancellationToken);
        var (kind, manifest) = SetupManifests.Gateway(context.Profile, context.Parameters, context.SetupId, hosts, credential, LegacyGatewayLayout.DefaultCaFileName);
        return [new DesiredObject(kind, manifest)];
    }
}
