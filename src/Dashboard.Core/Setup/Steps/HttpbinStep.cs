using System.Text.Json.Nodes;
using Dashboard.Core.Kubernetes;

namespace Dashboard.Core.Setup.Steps;

/// <summary>Step 2: httpbin (ServiceAccount, Service, Deployment from Istio's sample), then waits for the rollout.</summary>
public sealed class HttpbinStep : ObjectStep
{
    /// <inheritdoc />
    public override string Id => StepIds.Httpbin;

    /// <inheritdoc />
    public override string Title => "Deploy httpbin";

    /// <inheritdoc />
    public override SetupStepGroup Group => SetupStepGroup.PrepareTheMesh;

    /// <inheritdoc />
    public override async Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var observation = await base.ObserveAsync(context, cancellationToken);
        if (observation.Kind != ObservationKind.InSync)
        {
            return observation;
        }

        var deployment = await context.GetLiveAsync(ResourceKind.Deployment, context.Parameters.Namespace, "httpbin", cancellationToken);
        return Available(deployment)
            ? observation
            : new StepObservation(ObservationKind.Missing, $"httpbin is deployed but not available yet ({Status(deployment)}).");
    }

    /// <inheritdoc />
    protected override Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult<IReadOnlyList<DesiredObject>>([.. SetupManifests.Httpbin(context.Parameters.Namespace, context.SetupId).Select(o => new DesiredObject(o.Kind, o.Manifest))]);
    }

    /// <inheritdoc />
    protected override IEnumerable<string> Commands(IReadOnlyList<DesiredObject> objects) =>
        [$"kubectl apply -f samples/httpbin/httpbin.yaml -n {objects[0].Ref.Namespace}", $"kubectl -n {objects[0].Ref.Namespace} rollout status deployment/httpbin"];

    /// <inheritdoc />
    protected override async Task<StepOutcome?> AfterApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ns = context.Parameters.Namespace;
        var clock = context.Services.Time;
        var deadline = clock.GetUtcNow() + context.Options.RolloutTimeout;
        var deployment = await context.GetLiveAsync(ResourceKind.Deployment, ns, "httpbin", cancellationToken);
        while (!Available(deployment))
        {
            if (clock.GetUtcNow() > deadline)
            {
                return StepOutcome.Failure(
                    $"The httpbin rollout in {ns} did not complete within {context.Options.RolloutTimeout} ({Status(deployment)}).",
                    SetupCodes.RolloutTimeout,
                    $"Check the pods: kubectl -n {ns} get pods -l app=httpbin; kubectl -n {ns} describe deployment httpbin.");
            }

            await Task.Delay(context.Options.RolloutPollInterval, clock, cancellationToken);
            deployment = await context.Cluster.GetAsync(ResourceKind.Deployment, ns, "httpbin", cancellationToken);
            context.Remember(ResourceKind.Deployment, ns, "httpbin", deployment);
        }

        return StepOutcome.Success("httpbin is available.", $"Rollout complete: {Status(deployment)}.");
    }

    private static bool Available(JsonObject? deployment)
    {
        if (deployment is null)
        {
            return false;
        }

        var wanted = deployment["spec"]?["replicas"]?.GetValue<int>() ?? 1;
        var status = deployment["status"];
        var generation = deployment["metadata"]?["generation"]?.GetValue<long>() ?? 0;
        return (status?["observedGeneration"]?.GetValue<long>() ?? 0) >= generation
            && (status?["updatedReplicas"]?.GetValue<int>() ?? 0) >= wanted
            && (status?["availableReplicas"]?.GetValue<int>() ?? 0) >= wanted;
    }

    private static string Status(JsonObject? deployment) =>
        deployment is null ? "no deployment"
        : $"{deployment["status"]?["availableReplicas"]?.GetValue<int>() ?? 0}/{deployment["spec"]?["replicas"]?.GetValue<int>() ?? 1} available";
}
