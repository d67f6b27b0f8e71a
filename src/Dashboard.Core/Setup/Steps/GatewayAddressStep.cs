namespace Dashboard.Core.Setup.Steps;

/// <summary>Step 6: the istio-ingressgateway LoadBalancer's external IP (classic) or host name (VPC).</summary>
public sealed class GatewayAddressStep : FactStep
{
    /// <inheritdoc />
    public override string Id => StepIds.GatewayAddress;

    /// <inheritdoc />
    public override string Title => "Read the gateway's external address";

    /// <inheritdoc />
    protected override async Task<StepObservation> ReadAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = await context.Facts.GatewayAddressAsync(cancellationToken);
        if (context.Profile.ClusterType == Ibm.ClusterType.Vpc && address.Hostname is null)
        {
            throw new StepBlockedException(StepObservation.Blocked(
                $"The gateway's load balancer reports IP {address.Ip} but no host name; VPC nlb-dns registrations need the load balancer's host name.",
                "Check the profile's cluster type (a classic cluster registers by IP), or wait until the VPC load balancer reports its host name.", SetupCodes.NoExternalAddress));
        }

        return StepObservation.InSync($"The gateway's external address is {address}.") with
        {
            Facts = new Dictionary<string, string> { ["gatewayAddress"] = address.ToString() },
        };
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string> Commands(StepContext context) =>
        [$"kubectl -n {SetupFacts.GatewayNamespace} get service {SetupFacts.GatewayService} -o jsonpath='{{.status.loadBalancer.ingress[0].{(context?.Profile.ClusterType == Ibm.ClusterType.Vpc ? "hostname" : "ip")}}}'"];
}
