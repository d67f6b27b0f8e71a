namespace Dashboard.Core.Setup.Steps;

/// <summary>
/// The steps' stable ids (stored with runs and ledger entries, accepted by /api), named here once so that a step
/// naming another (a prerequisite, "the registration of step 7") refers to its id, never to its class.
/// </summary>
public static class StepIds
{
    /// <summary>Step 1.</summary>
    public const string Namespace = "namespace";

    /// <summary>Step 2.</summary>
    public const string Httpbin = "httpbin";

    /// <summary>Step 3.</summary>
    public const string MtlsPolicy = "mtls-policy";

    /// <summary>Step 4.</summary>
    public const string DestinationRule = "destination-rule";

    /// <summary>Step 5.</summary>
    public const string AlbFacts = "alb-facts";

    /// <summary>Step 6.</summary>
    public const string GatewayAddress = "gateway-address";

    /// <summary>Step 7.</summary>
    public const string NlbDns = "nlb-dns";

    /// <summary>Step 8.</summary>
    public const string NlbCertificate = "nlb-certificate";

    /// <summary>Step 9.</summary>
    public const string Secrets = "secrets";

    /// <summary>Step 10.</summary>
    public const string Gateway = "gateway";

    /// <summary>Step 11.</summary>
    public const string VirtualService = "virtual-service";

    /// <summary>Step 12.</summary>
    public const string GatewayReload = "gateway-reload";

    /// <summary>Step 13.</summary>
    public const string VerifyGateway = "verify-gateway";

    /// <summary>Step 14.</summary>
    public const string Ingress = "ingress";

    /// <summary>Step 15.</summary>
    public const string VerifyAlb = "verify-alb";
}
