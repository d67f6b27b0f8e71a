namespace Dashboard.Core.Setup.Steps;

/// <summary>The fifteen steps in the seed's order.</summary>
public static class SetupSteps
{
    /// <summary>Every step, ordered by number.</summary>
    public static IReadOnlyList<ISetupStep> All { get; } =
    [
        new NamespaceStep(),
        new HttpbinStep(),
        new MtlsPolicyStep(),
        new DestinationRuleStep(),
        new AlbFactsStep(),
        new GatewayAddressStep(),
        new NlbDnsRegistrationStep(),
        new NlbCertificateStep(),
        new SecretsStep(),
        new GatewayStep(),
        new VirtualServiceStep(),
        new GatewayReloadStep(),
        new VerifyGatewayStep(),
        new IngressStep(),
        new VerifyAlbStep(),
    ];

    /// <summary>A step by id or number (as text); null when unknown.</summary>
    public static ISetupStep? Find(string idOrNumber) =>
        All.FirstOrDefault(s => string.Equals(s.Id, idOrNumber, StringComparison.OrdinalIgnoreCase) || s.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) == idOrNumber);
}
