using System.Text.Json.Nodes;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Setup.Steps;

/// <summary>
/// Step 1: the namespace with <c>istio-injection=enabled</c>. A namespace that exists already (not created by the
/// dashboard) is kept and only labelled; the ledger records it as pre-existing with its labels, and cleanup
/// restores them instead of deleting the namespace. A namespace the dashboard created is deleted only when nothing
/// of anyone else's is left in it, since deleting a namespace deletes everything inside.
/// </summary>
public sealed class NamespaceStep : ObjectStep
{
    /// <inheritdoc />
    public override string Id => StepIds.Namespace;

    /// <inheritdoc />
    public override string Title => "Create the namespace with sidecar injection";

    /// <inheritdoc />
    public override SetupStepGroup Group => SetupStepGroup.PrepareTheMesh;

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ns = context.Parameters.Namespace;
        var live = await context.GetLiveAsync(ResourceKind.Namespace, null, ns, cancellationToken);
        var preExisting = live is not null && !OwnershipLabels.IsManaged(live);
        return [new DesiredObject(ResourceKind.Namespace, SetupManifests.Namespace(ns, context.SetupId, preExisting))];
    }

    /// <inheritdoc />
    public override async Task<StepOutcome> CleanupAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ns = context.Parameters.Namespace;
        var created = (await context.Ledger.ListAsync(context.TargetId, cancellationToken))
            .Any(e => e.StepId == Id && e.Origin is OwnershipOrigin.Created or OwnershipOrigin.Intended);
        if (created && await NamespaceContents.ForeignAsync(context, ns, cancellationToken) is { Count: > 0 } foreign)
        {
            return new StepOutcome(OutcomeKind.Blocked, $"Namespace {ns} was left: it still holds objects this setup did not create ({string.Join(", ", foreign)}), and deleting the namespace would delete them too.")
            {
                Code = SetupCodes.NotOwned,
                Unblock = $"Move or delete them (kubectl get all -n {ns}), then clean up again; or keep the namespace.",
            };
        }

        return await base.CleanupAsync(context, cancellationToken);
    }

    /// <inheritdoc />
    protected override bool MayAdopt(DesiredObject desired, JsonObject live) => true;

    /// <inheritdoc />
    protected override IEnumerable<string> Commands(IReadOnlyList<DesiredObject> objects) =>
        [$"kubectl create namespace {objects[0].Ref.Name}", $"kubectl label namespace {objects[0].Ref.Name} istio-injection=enabled"];
}
