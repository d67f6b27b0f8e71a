using Dashboard.Certificates.Layouts;

namespace Dashboard.Core.Setup.Steps;

/// <summary>Step 10: the Gateway on port 443 with tls MUTUAL: file paths in Legacy (as the seed), <c>credentialName</c> in Current.</summary>
public sealed class GatewayStep : ObjectStep
{
    /// <inheritdoc />
    public override string Id => "gateway";

    /// <inheritdoc />
    public override int Number => 10;

    /// <inheritdoc />
    public override string Title => "Define the mutual TLS Gateway";

    /// <inheritdoc />
    public override SetupStepGroup Group => SetupStepGroup.ConfigureTheGateway;

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hosts = await Hosts(context, cancellationToken);
        var credential = context.Profile.IstioApi == IstioApi.Current ? SecretsStep.CredentialName(await context.Facts.RequireRegistrationAsync(cancellationToken)) : null;
        var (kind, manifest) = SetupManifests.Gateway(context.Profile, context.Parameters, context.SetupId, hosts, credential, LegacyGatewayLayout.DefaultCaFileName);
        return [new DesiredObject(kind, manifest)];
    }

    /// <summary>The gateway's host names in the Current profile: its own nlb-dns name (the ALB's SNI) and the ALB host (the Host header).</summary>
    internal static async Task<IReadOnlyList<string>> Hosts(StepContext context, CancellationToken cancellationToken) =>
        context.Profile.IstioApi == IstioApi.Legacy ? ["*"] : [await context.Facts.GatewayHostAsync(cancellationToken), await context.Facts.AlbHostAsync(cancellationToken)];
}
