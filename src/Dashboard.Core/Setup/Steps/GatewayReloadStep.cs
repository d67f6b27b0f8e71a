using System.Text.Json.Nodes;
using Dashboard.Certificates.Layouts;
using Dashboard.Core.Kubernetes;

namespace Dashboard.Core.Setup.Steps;

/// <summary>
/// Step 12 (Legacy only): file-mounted certificates are read when the gateway pods start, so the pods are deleted
/// (<c>kubectl delete pod -l istio=ingressgateway -n istio-system</c>) and the step waits for the new ones to be
/// ready. It restarts only when needed: it remembers which versions of the two mounted secrets the pods loaded (a
/// re-run with unchanged secrets restarts nothing). Current gateways hot-reload through SDS.
/// </summary>
public sealed class GatewayReloadStep : ISetupStep
{
    private const string Marker = "gateway-loaded-secrets";

    /// <inheritdoc />
    public string Id => StepIds.GatewayReload;

    /// <inheritdoc />
    public string Title => "Reload the gateway's certificates";

    /// <inheritdoc />
    public SetupStepGroup Group => SetupStepGroup.ConfigureTheGateway;

    /// <inheritdoc />
    public bool AppliesTo(SetupProfile profile) => profile?.IstioApi == IstioApi.Legacy;

    /// <inheritdoc />
    public async Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!AppliesTo(context.Profile))
        {
            return StepObservation.InSync("Not needed: the Current profile's gateway reloads certificates through SDS.");
        }

        var versions = await SecretVersionsAsync(context, cancellationToken);
        if (versions is null)
        {
            return StepBlockedException.Prerequisite("The gateway's file-mounted secrets do not exist yet.", StepIds.Secrets).Observation;
        }

        var pods = await context.Cluster.ListAsync(ResourceKind.Pod, SetupFacts.GatewayNamespace, SetupFacts.GatewaySelector, cancellationToken);
        if (pods.Count == 0 || !pods.All(Ready))
        {
            return new StepObservation(ObservationKind.Missing, $"{pods.Count(Ready)} of {pods.Count} gateway pod(s) are ready.");
        }

        if (await context.Services.Markers.GetAsync(context.TargetId, Marker, cancellationToken) == versions)
        {
            return StepObservation.InSync($"The gateway pods loaded the current certificates (secret versions {versions}).");
        }

        return new StepObservation(ObservationKind.Drifted, $"The gateway pods have not loaded the current versions of {LegacyGatewayLayout.CertsSecretName} and {LegacyGatewayLayout.CaCertsSecretName} ({versions}).");
    }

    /// <inheritdoc />
    public async Task<StepPlan> PlanAsync(StepContext context, CancellationToken cancellationToken) =>
        new(await ObserveAsync(context, cancellationToken), [], AppliesTo(context!.Profile) ? [$"kubectl delete pod -l {SetupFacts.GatewaySelector} -n {SetupFacts.GatewayNamespace}"] : []);

    /// <inheritdoc />
    public async Task<StepOutcome> ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var observation = await ObserveAsync(context, cancellationToken);
        if (observation.Kind == ObservationKind.InSync)
        {
            return StepOutcome.Success(observation.Summary);
        }

        if (observation.Kind == ObservationKind.Blocked)
        {
            return StepOutcome.From(observation);
        }

        var versions = (await SecretVersionsAsync(context, cancellationToken))!;
        var before = (await context.Cluster.ListAsync(ResourceKind.Pod, SetupFacts.GatewayNamespace, SetupFacts.GatewaySelector, cancellationToken))
            .Select(p => p["metadata"]?["uid"]?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        await context.Cluster.DeleteAllAsync(ResourceKind.Pod, SetupFacts.GatewayNamespace, SetupFacts.GatewaySelector, cancellationToken);
        var clock = context.Services.Time;
        var deadline = clock.GetUtcNow() + context.Options.RolloutTimeout;
        while (true)
        {
            await Task.Delay(context.Options.RolloutPollInterval, clock, cancellationToken);
            var pods = await context.Cluster.ListAsync(ResourceKind.Pod, SetupFacts.GatewayNamespace, SetupFacts.GatewaySelector, cancellationToken);
            if (pods.Count > 0 && pods.All(p => Ready(p) && !before.Contains(p["metadata"]?["uid"]?.GetValue<string>())))
            {
                await context.Services.Markers.SetAsync(context.TargetId, Marker, versions, cancellationToken);
                return new StepOutcome(OutcomeKind.Succeeded, $"Restarted the gateway: {pods.Count} new pod(s) ready with secret versions {versions}.")
                {
                    Changes = [$"deleted the pods labelled {SetupFacts.GatewaySelector} in {SetupFacts.GatewayNamespace} ({before.Count} pod(s))"],
                };
            }

            if (clock.GetUtcNow() > deadline)
            {
                return StepOutcome.Failure($"The gateway pods were not ready again within {context.Options.RolloutTimeout}.", SetupCodes.RolloutTimeout,
                    $"kubectl -n {SetupFacts.GatewayNamespace} get pods -l {SetupFacts.GatewaySelector}");
            }
        }
    }

    /// <inheritdoc />
    public async Task<StepOutcome> VerifyAsync(StepContext context, CancellationToken cancellationToken)
    {
        var observation = await ObserveAsync(context, cancellationToken);
        return observation.Kind == ObservationKind.InSync ? StepOutcome.Success(observation.Summary) : StepOutcome.Failure(observation.Summary, observation.Code);
    }

    /// <inheritdoc />
    public Task<StepOutcome> CleanupAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StepOutcome.Success("Nothing to clean up: restarting pods leaves nothing behind."));

    private static async Task<string?> SecretVersionsAsync(StepContext context, CancellationToken cancellationToken)
    {
        var certs = await context.GetLiveAsync(ResourceKind.Secret, SetupFacts.GatewayNamespace, LegacyGatewayLayout.CertsSecretName, cancellationToken);
        var ca = await context.GetLiveAsync(ResourceKind.Secret, SetupFacts.GatewayNamespace, LegacyGatewayLayout.CaCertsSecretName, cancellationToken);
        return certs is null || ca is null ? null : $"{Version(certs)},{Version(ca)}";
    }

    private static string Version(JsonObject secret) => secret["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "?";

    private static bool Ready(JsonObject pod) =>
        pod["metadata"]?["deletionTimestamp"] is null
        && (pod["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");
}
