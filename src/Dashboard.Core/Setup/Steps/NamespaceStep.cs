using System.Text.Json.Nodes;
using Dashboard.Core.Setup.Kubernetes;
using Dashboard.Core.Setup.Ownership;

namespace Dashboard.Core.Setup.Steps;

/// <summary>
/// Step 1: the namespace with <c>istio-injection=enabled</c>. A namespace that exists already (not created by the
/// dashboard) is kept and only labelled; the ledger records it as pre-existing with its labels, and cleanup
/// restores them instead of deleting the namespace.
/// </summary>
public sealed class NamespaceStep : ObjectStep
{
    /// <inheritdoc />
    public override string Id => "namespace";

    /// <inheritdoc />
    public override int Number => 1;

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
    protected override bool MayAdopt(DesiredObject desired, JsonObject live) => true;

    /// <inheritdoc />
    protected override IEnumerable<string> Commands(IReadOnlyList<DesiredObject> objects) =>
        [$"kubectl create namespace {objects[0].Ref.Name}", $"kubectl label namespace {objects[0].Ref.Name} istio-injection=enabled"];
}
