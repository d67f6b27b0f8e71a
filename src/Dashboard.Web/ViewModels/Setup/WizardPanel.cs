using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Steps;

namespace Dashboard.Web.ViewModels.Setup;

/// <summary>The wizard's panels: the seed's sections, with both verifications gathered in the last one.</summary>
public enum WizardPanel
{
    /// <summary>Steps 1-4.</summary>
    PrepareTheMesh,

    /// <summary>Steps 5-8.</summary>
    RegisterTheGatewaysDnsName,

    /// <summary>Step 9.</summary>
    BuildTheSecrets,

    /// <summary>Steps 10-12.</summary>
    ConfigureTheGateway,

    /// <summary>Step 14.</summary>
    ConfigureTheAlb,

    /// <summary>Steps 13 and 15: the probes.</summary>
    Verify,
}

/// <summary>Titles, explanations and the mapping of steps to panels.</summary>
public static class WizardPanels
{
    /// <summary>Every panel in order.</summary>
    public static IReadOnlyList<WizardPanel> All { get; } = Enum.GetValues<WizardPanel>();

    /// <summary>The panel a step is shown in: the verification steps in Verify, the others in their seed section.</summary>
    public static WizardPanel Of(string stepId, SetupStepGroup group) => SetupSteps.Find(stepId) is ProbeStep
        ? WizardPanel.Verify
        : group switch
        {
            SetupStepGroup.PrepareTheMesh => WizardPanel.PrepareTheMesh,
            SetupStepGroup.RegisterTheGatewaysDnsName => WizardPanel.RegisterTheGatewaysDnsName,
            SetupStepGroup.BuildTheSecrets => WizardPanel.BuildTheSecrets,
            SetupStepGroup.ConfigureTheGateway => WizardPanel.ConfigureTheGateway,
            _ => WizardPanel.ConfigureTheAlb,
        };

    /// <summary>Whether a step only checks (writes nothing).</summary>
    public static bool IsVerification(string stepId) => SetupSteps.Find(stepId) is ProbeStep;

    /// <summary>The panel's title.</summary>
    public static string Title(WizardPanel panel) => panel switch
    {
        WizardPanel.PrepareTheMesh => "Prepare the mesh",
        WizardPanel.RegisterTheGatewaysDnsName => "Register the gateway's DNS name",
        WizardPanel.BuildTheSecrets => "Build the secrets",
        WizardPanel.ConfigureTheGateway => "Configure the gateway",
        WizardPanel.ConfigureTheAlb => "Configure the ALB",
        _ => "Verify",
    };

    /// <summary>What the panel does and why, in two sentences.</summary>
    public static string Description(WizardPanel panel) => panel switch
    {
        WizardPanel.PrepareTheMesh =>
            "A namespace with sidecar injection, the httpbin test service, and strict mutual TLS inside the namespace. This is the backend the ALB will reach through the gateway.",
        WizardPanel.RegisterTheGatewaysDnsName =>
            "IKS gives the Istio gateway's load balancer a DNS name (nlb-dns) and issues a Let's Encrypt certificate for it. Issuing takes a few minutes: the wait runs in the background, so you can leave this page.",
        WizardPanel.BuildTheSecrets =>
            "The gateway's server certificate, the CA bundle it trusts clients with, and the ALB's client credential, assembled from the IKS secrets and validated before anything is written. Private keys are never shown.",
        WizardPanel.ConfigureTheGateway =>
            "A Gateway that requires mutual TLS on port 443 and a VirtualService that routes the test path to httpbin.",
        WizardPanel.ConfigureTheAlb =>
            "An Ingress on the ALB that forwards the httpbin host name to the gateway over mutual TLS, presenting the ALB's client certificate.",
        _ =>
            "Real requests check the chain: the gateway must answer the ALB's client certificate with httpbin's teapot (418) and refuse a handshake without one; the ALB must answer end to end.",
    };
}
