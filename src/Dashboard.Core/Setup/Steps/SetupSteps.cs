namespace Dashboard.Core.Setup.Steps;

/// <summary>The fifteen steps in the seed's order; a step's number is its place in this list and is said nowhere else.</summary>
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

    /// <summary>The number (1..15) of the step with id <paramref name="stepId"/>; 0 for a step not in the list.</summary>
    public static int NumberOf(string stepId)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i].Id, stepId, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>A step by id or number (as text); null when unknown.</summary>
    public static ISetupStep? Find(string idOrNumber) =>
        All.FirstOrDefault(s => string.Equals(s.Id, idOrNumber, StringComparison.OrdinalIgnoreCase) || s.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) == idOrNumber);
}
