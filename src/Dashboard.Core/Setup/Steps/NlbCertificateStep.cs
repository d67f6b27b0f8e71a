using Dashboard.Core.Ibm;

namespace Dashboard.Core.Setup.Steps;

/// <summary>
/// Step 8: waits until IKS reports the nlb-dns certificate <c>created</c> and its secret exists in the cluster. It
/// never blocks a worker: while the certificate is not ready the step reports Waiting with IKS's status, and the run
/// executor schedules a delayed Hangfire continuation (back-off from <see cref="SetupOptions.NlbPollInitialDelay"/>
/// to <see cref="SetupOptions.NlbPollMaxDelay"/>) until it is, or until <see cref="SetupOptions.NlbWaitTimeout"/> has
/// passed, when the step fails with what IKS last said.
/// </summary>
public sealed class NlbCertificateStep : ISetupStep
{
    /// <inheritdoc />
    public string Id => StepIds.NlbCertificate;

    /// <inheritdoc />
    public string Title => "Wait for the DNS name's certificate";

    /// <inheritdoc />
    public SetupStepGroup Group => SetupStepGroup.RegisterTheGatewaysDnsName;

    /// <inheritdoc />
    public async Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var entry = await context.Facts.GatewayRegistrationAsync(true, cancellationToken)
                ?? throw StepBlockedException.Prerequisite($"No nlb-dns subdomain is registered for the gateway's address {await context.Facts.GatewayAddressAsync(cancellationToken)}.", StepIds.NlbDns);
            var ns = entry.CertificateSecretNamespace;
            if (string.Equals(entry.SecretStatus, NlbSecretStatus.RateLimited, StringComparison.Ordinal))
            {
                return StepObservation.Blocked($"IKS reports the certificate of {entry.Host} as rate_limited: Let's Encrypt refused to issue it.",
                    "IKS retries by itself after 7 days; avoid regenerating it repeatedly ('ibmcloud ks nlb-dns ls' shows the status).", SetupCodes.Iks);
            }

            if (!entry.IsCertificateReady)
            {
                return new StepObservation(ObservationKind.Waiting, $"IKS reports the certificate of {entry.Host} as '{entry.SecretStatus}'.") { WaitingStatus = entry.SecretStatus };
            }

            var secret = await context.Facts.SourceSecretAsync(ns, entry.CertificateSecretName, cancellationToken);
            if (secret is null)
            {
                return new StepObservation(ObservationKind.Waiting, $"IKS reports the certificate of {entry.Host} as created, but the secret {ns}/{entry.SecretName} is not in the cluster yet.") { WaitingStatus = "created, secret pending" };
            }

            return StepObservation.InSync($"The certificate of {entry.Host} is ready in secret {ns}/{entry.SecretName}.") with
            {
                Facts = new Dictionary<string, string> { ["nlbSecret"] = $"{ns}/{entry.SecretName}" },
            };
        }
        catch (StepBlockedException blocked)
        {
            return blocked.Observation;
        }
    }

    /// <inheritdoc />
    public async Task<StepPlan> PlanAsync(StepContext context, CancellationToken cancellationToken) =>
        new(await ObserveAsync(context, cancellationToken), [], [$"ibmcloud ks nlb-dns ls --cluster {context?.Clients.IksCluster}   # until SSL Cert Status is 'created'"]);

    /// <inheritdoc />
    public async Task<StepOutcome> ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var observation = await ObserveAsync(context, cancellationToken);
        if (observation.Kind == ObservationKind.InSync)
        {
            return StepOutcome.Success(observation.Summary);
        }

        if (observation.Kind == ObservationKind.Waiting && context.StepStartedAt is { } started && context.Services.Time.GetUtcNow() - started > context.Options.NlbWaitTimeout)
        {
            return StepOutcome.Failure(
                $"Timed out after {context.Options.NlbWaitTimeout} waiting for the nlb-dns certificate: {observation.Summary}",
                SetupCodes.CertificateTimeout,
                "IKS usually issues the certificate within minutes. If the status stays 'creating', check that the secret namespace exists and see IKS's troubleshooting page for ERRDSISS; then run the setup again (the registration is reused).")
                with
            { Unblock = "Check 'ibmcloud ks nlb-dns ls', then run again." };
        }

        return StepOutcome.From(observation);
    }

    /// <inheritdoc />
    public async Task<StepOutcome> VerifyAsync(StepContext context, CancellationToken cancellationToken)
    {
        var observation = await ObserveAsync(context, cancellationToken);
        return observation.Kind == ObservationKind.InSync ? StepOutcome.Success(observation.Summary) : StepOutcome.From(observation);
    }

    /// <inheritdoc />
    public Task<StepOutcome> CleanupAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StepOutcome.Success($"Nothing to clean up: removing the registration (step {SetupSteps.NumberOf(StepIds.NlbDns)}) stops its certificate."));
}
