namespace Dashboard.Core.Setup.Steps;

/// <summary>Step 5: the ALB's Ingress subdomain and secret, from IKS get-cluster.</summary>
public sealed class AlbFactsStep : FactStep
{
    /// <inheritdoc />
    public override string Id => StepIds.AlbFacts;

    /// <inheritdoc />
    public override string Title => "Read the ALB's Ingress subdomain and secret";

    /// <inheritdoc />
    protected override async Task<StepObservation> ReadAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (domain, secret) = await context.Facts.AlbAsync(cancellationToken);
        var cluster = await context.Facts.ClusterAsync(cancellationToken);
        return StepObservation.InSync($"ALB Ingress subdomain {domain}, secret {secret} (cluster {cluster.Name}, {cluster.Provider}).") with
        {
            Facts = new Dictionary<string, string> { ["albDomain"] = domain, ["albSecret"] = secret, ["clusterType"] = cluster.Type.ToString(), ["albHost"] = $"{context.Parameters.HttpbinHostLabel}.{domain}" },
        };
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string> Commands(StepContext context) =>
        [$"ibmcloud ks cluster get --cluster {context?.Clients.IksCluster} | grep Ingress"];
}
