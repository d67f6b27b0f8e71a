using System.Text.Json.Nodes;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Setup;

/// <summary>One object a step writes.</summary>
/// <param name="Kind">Its resource type.</param>
/// <param name="Manifest">What is applied (already marked with the ownership labels).</param>
/// <param name="Sensitive">A secret: values are never shown, only keys and <paramref name="Display"/>.</param>
/// <param name="Display">For secrets: the keys and certificate summaries, shown instead of the data.</param>
public sealed record DesiredObject(ResourceKind Kind, JsonObject Manifest, bool Sensitive = false, JsonObject? Display = null)
{
    /// <summary>The object's identity.</summary>
    public ObjectRef Ref => new(Kind, Manifest["metadata"]?["namespace"]?.GetValue<string>(), Manifest["metadata"]!["name"]!.GetValue<string>());
}

/// <summary>
/// A step that writes Kubernetes objects. Observe reads each object once and compares it with what the step writes
/// (equal → no write at all); apply records the object in the ledger first, then server-side applies it with the
/// dashboard's field manager, forcing only with the user's consent; an object the dashboard does not own is never
/// taken over without consent (except where the step adopts it explicitly, e.g. only labelling a namespace).
/// </summary>
public abstract class ObjectStep : ISetupStep
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract string Title { get; }

    /// <inheritdoc />
    public abstract SetupStepGroup Group { get; }

    /// <summary>The objects, in write order. May throw <see cref="StepBlockedException"/>.</summary>
    protected abstract Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>Whether a pre-existing object not created by the dashboard may be changed without consent (the step changes only what it must).</summary>
    protected virtual bool MayAdopt(DesiredObject desired, JsonObject live) => false;

    /// <summary>Commands a person would type for the same effect.</summary>
    protected virtual IEnumerable<string> Commands(IReadOnlyList<DesiredObject> objects) =>
        objects.Select(o => o.Sensitive
            ? $"kubectl -n {o.Ref.Namespace} create secret generic {o.Ref.Name} --from-file=... --dry-run=client -o yaml | kubectl apply --server-side --field-manager={ClusterApi.FieldManager} -f -"
            : $"kubectl apply --server-side --field-manager={ClusterApi.FieldManager} -f {o.Ref.Name}.yaml   # {o.Ref}");

    /// <summary>After the objects are written: e.g. wait for a rollout. Runs on every apply, also when nothing was written.</summary>
    protected virtual Task<StepOutcome?> AfterApplyAsync(StepContext context, CancellationToken cancellationToken) => Task.FromResult<StepOutcome?>(null);

    /// <inheritdoc />
    public virtual async Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var (observation, _) = await CompareAsync(context, cancellationToken);
            return observation;
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
        IReadOnlyList<DesiredObject> desired;
        StepObservation observation;
        try
        {
            (observation, desired) = await CompareAsync(context, cancellationToken);
        }
        catch (StepBlockedException blocked)
        {
            return new StepPlan(blocked.Observation, [], []);
        }

        if (observation.Code == SetupCodes.SchemaInvalid)
        {
            // Nothing of it would be sent: no objects to show, and the cluster is not read for them either.
            return new StepPlan(observation, [], []);
        }

        var planned = new List<PlannedObject>();
        foreach (var item in desired)
        {
            var r = item.Ref;
            var live = await context.GetLiveAsync(item.Kind, r.Namespace, r.Name, cancellationToken);
            var shownDesired = item.Sensitive ? Redact(item.Manifest, item.Display) : item.Manifest;
            var yaml = ManifestYaml.Render(shownDesired);
            var liveYaml = live is null ? null : ManifestYaml.Render(ManifestYaml.Project(item.Sensitive ? Redact(live, DisplayOfLive(live)) : live, shownDesired));
            var action = live is null ? "create"
                : ObjectComparer.Differences(item.Manifest, live).Count == 0 ? "none"
                : OwnershipLabels.IsManaged(live) ? "update" : "adopt";
            planned.Add(new PlannedObject(item.Kind.ApiVersion, item.Kind.Kind, r.Namespace, r.Name, action, yaml, ManifestYaml.Diff(liveYaml, yaml, $"{item.Kind.Kind}/{r.Name}")));
        }

        return new StepPlan(observation, planned, [.. Commands(desired)]);
    }

    /// <inheritdoc />
    public virtual async Task<StepOutcome> ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<DesiredObject> desired;
        StepObservation observation;
        try
        {
            (observation, desired) = await CompareAsync(context, cancellationToken);
        }
        catch (StepBlockedException blocked)
        {
            return StepOutcome.From(blocked.Observation);
        }

        if (observation.Kind is ObservationKind.Blocked or ObservationKind.Waiting)
        {
            return StepOutcome.From(observation);
        }

        var changes = new List<string>();
        foreach (var item in desired)
        {
            var r = item.Ref;
            var live = await context.GetLiveAsync(item.Kind, r.Namespace, r.Name, cancellationToken);
            if (live is not null && ObjectComparer.Differences(item.Manifest, live).Count == 0)
            {
                continue;
            }

            await context.Ledger.RecordObjectAsync(context.TargetId, context.SetupId, Id, r, live, cancellationToken);
            if (context.Services.Hooks is { } hooks)
            {
                await hooks.InsideStepAsync(context.TargetId, Id, Runs.SetupHookPoint.RecordedBeforeApply, r.ToString(), cancellationToken);
            }

            try
            {
                var result = await context.Cluster.ApplyAsync(item.Kind, item.Manifest, force: context.Consent, cancellationToken);
                context.Remember(item.Kind, r.Namespace, r.Name, result);
                var fields = live is null ? "" : " (" + string.Join(", ", ObjectComparer.Differences(item.Manifest, live, "data").Select(d => d.Path).Take(8)) + ")";
                changes.Add($"{(live is null ? "created" : OwnershipLabels.IsManaged(live) ? "updated" : "adopted")} {r}{fields}");
            }
            catch (KubernetesApiException e) when (e.Status == 409 && e.Causes.Count > 0)
            {
                var fields = string.Join("; ", e.Causes.Select(c => $"{c.Field} ({c.Message})"));
                return new StepOutcome(OutcomeKind.Blocked, $"{r}: fields the dashboard manages were changed by another field manager: {fields}.")
                {
                    Code = SetupCodes.FieldConflict,
                    Unblock = "Review the change; to take the fields back run this step again with consent to take over, which server-side applies with force.",
                    Changes = changes,
                };
            }
            catch (KubernetesApiException e)
            {
                return StepOutcome.Failure(e.Message, SetupCodes.Kubernetes) with { Changes = changes };
            }
        }

        var after = await AfterApplyAsync(context, cancellationToken);
        var summary = changes.Count == 0 ? "Already in sync: nothing was written." : string.Join("; ", changes) + ".";
        return after is { Kind: not OutcomeKind.Succeeded }
            ? after with { Changes = changes }
            : new StepOutcome(OutcomeKind.Succeeded, summary) { Changes = changes, Messages = after?.Messages ?? [] };
    }

    /// <inheritdoc />
    public virtual async Task<StepOutcome> VerifyAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var observation = await ObserveAsync(context, cancellationToken);
        return observation.Kind == ObservationKind.InSync
            ? StepOutcome.Success("Verified: the cluster holds what the step wrote.")
            : StepOutcome.Failure($"After applying, the cluster still differs: {observation.Summary}", observation.Code);
    }

    /// <inheritdoc />
    public virtual async Task<StepOutcome> CleanupAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messages = new List<string>();
        var entries = (await context.Ledger.ListAsync(context.TargetId, cancellationToken))
            .Where(e => e.StepId == Id && e.ResourceType == OwnedResourceType.KubernetesObject).Reverse().ToList();
        foreach (var entry in entries)
        {
            var kind = await context.Cluster.ResolveKindAsync(entry.ApiVersion, entry.Kind, cancellationToken);
            var name = new ObjectRef(kind ?? new ResourceKind(ResourceKind.Split(entry.ApiVersion).Group, ResourceKind.Split(entry.ApiVersion).Version, "", entry.Kind, entry.Namespace is not null), entry.Namespace, entry.Name);
            var live = kind is null ? null : await context.Cluster.GetAsync(kind, entry.Namespace, entry.Name, cancellationToken);
            if (kind is null || live is null)
            {
                messages.Add($"{name} is already gone.");
            }
            else if (entry.Origin is OwnershipOrigin.Created or OwnershipOrigin.Intended)
            {
                if (OwnershipLabels.CreatedBySetup(live) == entry.SetupId)
                {
                    await context.Cluster.DeleteAsync(kind, entry.Namespace, entry.Name, cancellationToken);
                    messages.Add($"deleted {name}");
                }
                else
                {
                    messages.Add($"{name} was left: it no longer carries this setup's labels (someone else owns it now).");
                    continue;
                }
            }
            else
            {
                await RestoreAsync(context, kind, entry, cancellationToken);
                messages.Add($"restored {name} to its state before the setup");
            }

            await context.Ledger.ReleaseAsync(entry.Id, cancellationToken);
        }

        return new StepOutcome(OutcomeKind.Succeeded, messages.Count == 0 ? "Nothing of this step to clean up." : string.Join("; ", messages) + ".") { Changes = messages };
    }

    /// <summary>Desired objects compared with the cluster.</summary>
    protected async Task<(StepObservation Observation, IReadOnlyList<DesiredObject> Desired)> CompareAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var desired = await DesiredAsync(context, cancellationToken);
        foreach (var item in desired)
        {
            if (SchemaValidator.Shared.Validate(item.Manifest) is { Count: > 0 } problems)
            {
                return (StepObservation.Blocked($"The generated {item.Ref} does not validate against the schemas: {string.Join("; ", problems)}.",
                    "This is a bug in the dashboard; report it with this message.", SetupCodes.SchemaInvalid), desired);
            }
        }

        var missing = new List<string>();
        var differences = new List<FieldDifference>();
        foreach (var item in desired)
        {
            var r = item.Ref;
            var live = await context.GetLiveAsync(item.Kind, r.Namespace, r.Name, cancellationToken);
            if (live is null)
            {
                missing.Add(r.ToString());
                continue;
            }

            if (!OwnershipLabels.IsManaged(live) && !MayAdopt(item, live) && !context.Consent)
            {
                return (StepObservation.Blocked(
                    $"{r} exists and was not created by the dashboard.",
                    "Rename it in the setup parameters, remove it, or run again with consent to take it over; its current state is recorded and cleanup restores it.",
                    SetupCodes.NotOwned), desired);
            }

            var managers = Managers(live);
            differences.AddRange(ObjectComparer.Differences(item.Manifest, live, "data").Select(d => new FieldDifference(r.ToString(), d.Path, d.Desired, d.Live, managers)));
        }

        if (missing.Count == 0 && differences.Count == 0)
        {
            return (StepObservation.InSync($"In sync: {string.Join(", ", desired.Select(d => d.Ref))}."), desired);
        }

        if (missing.Count == desired.Count)
        {
            return (new StepObservation(ObservationKind.Missing, $"Missing: {string.Join(", ", missing)}."), desired);
        }

        var summary = (missing.Count > 0 ? $"Missing: {string.Join(", ", missing)}. " : "")
            + (differences.Count > 0 ? $"Differs: {string.Join(", ", differences.Select(d => $"{d.Target} {d.Path}").Take(10))}." : "");
        return (new StepObservation(missing.Count > 0 && differences.Count == 0 ? ObservationKind.Missing : ObservationKind.Drifted, summary.Trim()) { Differences = differences }, desired);
    }

    private static async Task RestoreAsync(StepContext context, ResourceKind kind, OwnershipRecord entry, CancellationToken cancellationToken)
    {
        // Give up the dashboard's fields first (applying an empty configuration removes what only it managed), then put
        // back the values the object had before.
        var empty = new JsonObject { ["apiVersion"] = kind.ApiVersion, ["kind"] = kind.Kind, ["metadata"] = new JsonObject { ["name"] = entry.Name } };
        if (entry.Namespace is not null)
        {
            empty["metadata"]!["namespace"] = entry.Namespace;
        }

        await context.Cluster.ApplyAsync(kind, empty, force: true, cancellationToken);
        if (context.Ledger.PriorStateOf(entry) is { } prior)
        {
            var restore = (JsonObject)prior.DeepClone();
            restore["metadata"]!["name"] = entry.Name;
            await context.Cluster.ApplyAsync(kind, restore, force: true, cancellationToken);
            await context.Cluster.ApplyAsync(kind, empty, force: false, cancellationToken);
        }
    }

    private static string? Managers(JsonObject live)
    {
        var names = (live["metadata"]?["managedFields"] as JsonArray ?? [])
            .Select(m => m?["manager"]?.GetValue<string>())
            .Where(m => m is not null && m != ClusterApi.FieldManager)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    private static JsonObject Redact(JsonObject manifest, JsonObject? display)
    {
        var copy = (JsonObject)manifest.DeepClone();
        copy.Remove("data");
        copy.Remove("stringData");
        if (display is not null)
        {
            copy["data"] = display.DeepClone();
        }

        return copy;
    }

    private static JsonObject DisplayOfLive(JsonObject live)
    {
        var display = new JsonObject();
        foreach (var (key, value) in live["data"] as JsonObject ?? [])
        {
            display[key] = SecretDisplay.Describe(value?.GetValue<string>());
        }

        return display;
    }
}
