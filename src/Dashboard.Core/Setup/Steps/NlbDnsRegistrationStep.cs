using System.Runtime.CompilerServices;
using Dashboard.Core.Ibm;
using Dashboard.Core.Storage;
using Polly;
using Polly.Retry;

namespace Dashboard.Core.Setup.Steps;

/// <summary>
/// Step 7: registers an nlb-dns subdomain for the gateway's address, or reuses the one that exists for it. The Current
/// profile asks IKS to write the certificate secret straight into istio-system (<c>--secret-namespace istio-system</c>),
/// where the Gateway's <c>credentialName</c> reads it and where IKS renews it in place. Registration is not idempotent,
/// so the intent is written to the ledger before the call and the cluster's list is checked before any retry: a
/// resumed or retried run finds the registration instead of making a second one.
/// </summary>
public sealed class NlbDnsRegistrationStep : ISetupStep
{
    private const int MaxAttempts = 4;

    /// <inheritdoc />
    public string Id => StepIds.NlbDns;

    /// <inheritdoc />
    public string Title => "Register a DNS name for the gateway";

    /// <inheritdoc />
    public SetupStepGroup Group => SetupStepGroup.RegisterTheGatewaysDnsName;

    /// <inheritdoc />
    public async Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var address = await context.Facts.GatewayAddressAsync(cancellationToken);
            var entry = await context.Facts.GatewayRegistrationAsync(true, cancellationToken);
            if (entry is null)
            {
                return new StepObservation(ObservationKind.Missing, $"No nlb-dns subdomain is registered for the gateway's address {address}.");
            }

            // A registration this setup intended (a crash after the call, before its confirmation) is confirmed now.
            if (await context.Ledger.FindRegistrationAsync(context.TargetId, Key(address), cancellationToken) is { Origin: OwnershipOrigin.Intended })
            {
                await context.Ledger.ConfirmRegistrationAsync(context.TargetId, context.SetupId, Key(address), entry.Host, cancellationToken);
            }

            return StepObservation.InSync($"{entry.Host} is registered for {address} (certificate {entry.SecretStatus}, secret {entry.SecretNamespace ?? "default"}/{entry.SecretName}).") with
            {
                Facts = new Dictionary<string, string> { ["gatewayHost"] = entry.Host, ["nlbSecret"] = $"{entry.SecretNamespace ?? "default"}/{entry.SecretName}" },
            };
        }
        catch (StepBlockedException blocked)
        {
            return blocked.Observation;
        }
    }

    /// <inheritdoc />
    public async Task<StepPlan> PlanAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var observation = await ObserveAsync(context, cancellationToken);
        var address = observation.Kind == ObservationKind.Blocked ? null : await context.Facts.GatewayAddressAsync(cancellationToken);
        var ns = context.Facts.DesiredSecretNamespace is { } n ? $" --secret-namespace {n}" : "";
        var command = context.Profile.ClusterType == ClusterType.Vpc
            ? $"ibmcloud ks nlb-dns create vpc-gen2 --cluster {context.Clients.IksCluster} --lb-host {address?.Hostname}{ns}"
            : $"ibmcloud ks nlb-dns create classic --cluster {context.Clients.IksCluster} --ip {address?.Ip}{ns}";
        return new StepPlan(observation, [], [command, $"ibmcloud ks nlb-dns ls --cluster {context.Clients.IksCluster}"]);
    }

    /// <inheritdoc />
    public async Task<StepOutcome> ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var address = await context.Facts.GatewayAddressAsync(cancellationToken);
            var (iks, credential, cluster) = context.Facts.Iks();
            var messages = new List<string>();
            var attempt = await Retries(context, messages).ExecuteAsync(
                async (first, ct) =>
                {
                    // The call may have reached IKS even though it failed: every retry lists first, so it never registers twice.
                    if (await context.Facts.GatewayRegistrationAsync(!first.Value, ct) is { } existing)
                    {
                        return new Attempt(existing, null);
                    }

                    first.Value = false;
                    await context.Ledger.RecordRegistrationIntentAsync(context.TargetId, context.SetupId, Key(address), ct);
                    return new Attempt(null, context.Profile.ClusterType == ClusterType.Vpc
                        ? await iks.RegisterVpcNlbDnsAsync(credential, cluster, address.Hostname ?? throw new StepBlockedException(StepObservation.Blocked("The gateway has no load balancer host name.", "Check the cluster type.", SetupCodes.NoExternalAddress)), context.Facts.DesiredSecretNamespace, ct)
                        : await iks.RegisterClassicNlbDnsAsync(credential, cluster, [address.Ip ?? throw new StepBlockedException(StepObservation.Blocked("The gateway has no external IP.", "Check the cluster type.", SetupCodes.NoExternalAddress))], context.Facts.DesiredSecretNamespace, ct));
                },
                new StrongBox<bool>(true),
                cancellationToken);
            if (attempt.Existing is { } found)
            {
                return StepOutcome.Success($"{found.Host} is registered for {address}.", [.. messages]);
            }

            var result = attempt.Registered!;
            if (result.IsSuccess)
            {
                if (context.Services.Hooks is { } hooks)
                {
                    await hooks.InsideStepAsync(context.TargetId, Id, Runs.SetupHookPoint.RegisteredBeforeConfirmation, result.Value.Host, cancellationToken);
                }

                await context.Ledger.ConfirmRegistrationAsync(context.TargetId, context.SetupId, Key(address), result.Value.Host, cancellationToken);
                return new StepOutcome(OutcomeKind.Succeeded, $"Registered {result.Value.Host} for {address}; IKS is issuing its certificate (status {result.Value.SecretStatus}).")
                {
                    Messages = messages,
                    Changes = [$"registered nlb-dns subdomain {result.Value.Host} for {address} (secret namespace {result.Value.SecretNamespace ?? "default"})"],
                };
            }

            var error = result.Error;
            messages.Add($"Attempt {messages.Count + 1}: {error.Message}");
            return new StepOutcome(error.Kind is IksErrorKind.Forbidden or IksErrorKind.Unauthorized or IksErrorKind.NotFound ? OutcomeKind.Blocked : OutcomeKind.Failed,
                $"IKS did not register a subdomain for {address}: {error.Message}")
            { Code = SetupCodes.Iks, Unblock = error.Remedy, Messages = messages };
        }
        catch (StepBlockedException blocked)
        {
            return StepOutcome.From(blocked.Observation);
        }
    }

    /// <inheritdoc />
    public async Task<StepOutcome> VerifyAsync(StepContext context, CancellationToken cancellationToken)
    {
        var observation = await ObserveAsync(context, cancellationToken);
        return observation.Kind == ObservationKind.InSync ? StepOutcome.Success(observation.Summary) : StepOutcome.Failure(observation.Summary, observation.Code);
    }

    /// <inheritdoc />
    public async Task<StepOutcome> CleanupAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var entries = (await context.Ledger.ListAsync(context.TargetId, cancellationToken)).Where(e => e.ResourceType == OwnedResourceType.IksRegistration).ToList();
        if (entries.Any(e => e.Origin == OwnershipOrigin.Intended))
        {
            await SettleIntentsAsync(context, entries, cancellationToken);
            entries = [.. (await context.Ledger.ListAsync(context.TargetId, cancellationToken)).Where(e => e.ResourceType == OwnedResourceType.IksRegistration)];
        }

        if (entries.Count == 0)
        {
            return StepOutcome.Success("No nlb-dns registration was created by this setup.");
        }

        var (iks, credential, cluster) = context.Facts.Iks();
        var changes = new List<string>();
        foreach (var entry in entries.Where(e => e.Origin == OwnershipOrigin.Created))
        {
            var result = context.Profile.ClusterType == ClusterType.Vpc
                ? await iks.RemoveVpcNlbDnsAsync(credential, cluster, entry.Name, cancellationToken)
                : await iks.RemoveNlbDnsIpAsync(credential, cluster, entry.Name, entry.Detail!, cancellationToken);
            if (!result.IsSuccess)
            {
                return StepOutcome.Failure($"IKS did not remove {entry.Name}: {result.Error.Message}", SetupCodes.Iks) with { Unblock = result.Error.Remedy, Changes = changes };
            }

            var secret = await iks.DeleteSecretAsync(credential, cluster, entry.Name, cancellationToken);
            changes.Add($"removed {entry.Detail} from {entry.Name}" + (secret.IsSuccess ? " and deleted its certificate secret" : ""));
            await context.Ledger.ReleaseAsync(entry.Id, cancellationToken);
        }

        return new StepOutcome(OutcomeKind.Succeeded, changes.Count == 0 ? "Nothing to remove." : string.Join("; ", changes) + ".") { Changes = changes };
    }

    /// <summary>
    /// A crash between IKS's answer and the ledger's confirmation leaves an intent behind although IKS may have
    /// registered the subdomain: confirm what IKS shows for the address (so cleanup removes it), forget the rest.
    /// </summary>
    private static async Task SettleIntentsAsync(StepContext context, IReadOnlyList<OwnershipRecord> entries, CancellationToken cancellationToken)
    {
        var address = Key(await context.Facts.GatewayAddressAsync(cancellationToken));
        var registered = await context.Facts.GatewayRegistrationAsync(true, cancellationToken);
        foreach (var intent in entries.Where(e => e.Origin == OwnershipOrigin.Intended))
        {
            if (registered is not null && intent.Detail == address)
            {
                await context.Ledger.ConfirmRegistrationAsync(context.TargetId, intent.SetupId, address, registered.Host, cancellationToken);
            }
            else
            {
                await context.Ledger.ReleaseAsync(intent.Id, cancellationToken);
            }
        }
    }

    private static string Key(GatewayAddress address) => address.Ip ?? address.Hostname ?? "";

    /// <summary>
    /// Registration is retried (Polly, on the dashboard's clock) only for what may pass on its own: 429, 5xx, network
    /// errors and timeouts; up to <see cref="MaxAttempts"/> attempts, 200 ms more each time, or as long as IKS's
    /// Retry-After asks when that is under 30 s. Each failed attempt is recorded in <paramref name="messages"/>.
    /// </summary>
    private static ResiliencePipeline<Attempt> Retries(StepContext context, List<string> messages) =>
        new ResiliencePipelineBuilder<Attempt> { TimeProvider = context.Services.Time }
            .AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = MaxAttempts - 1,
                BackoffType = DelayBackoffType.Linear,
                Delay = TimeSpan.FromMilliseconds(200),
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Registered is { IsSuccess: false } failed
                    && failed.Error.Kind is IksErrorKind.RateLimited or IksErrorKind.ServerError or IksErrorKind.Network or IksErrorKind.Timeout),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Registered?.Error?.RetryAfter is { } after && after < TimeSpan.FromSeconds(30) ? after : (TimeSpan?)null),
                OnRetry = args =>
                {
                    messages.Add($"Attempt {args.AttemptNumber + 1}: {args.Outcome.Result?.Registered?.Error?.Message}");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>One attempt: a registration of the address found (made earlier, perhaps by an attempt that seemed to fail), or IKS's answer to registering it.</summary>
    private sealed record Attempt(NlbDnsEntry? Existing, IksResult<NlbDnsEntry>? Registered);
}
