using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Setup.Steps;
using k8s;

namespace Dashboard.Core.Tests.Setup.Steps;

/// <summary>Step 1 on its own, against the sandbox's Kubernetes API.</summary>
public sealed class NamespaceStepTests(StepHarness harness) : IClassFixture<StepHarness>
{
    private readonly NamespaceStep _step = new();

    [Fact]
    public async Task Apply_NewNamespace_CreatedLabelledAndARerunWritesNothing()
    {
        var parameters = SetupParameters.Default with { Namespace = "step-one-new" };
        var context = await harness.ContextAsync(StepIds.Namespace, parameters);
        Assert.Equal(ObservationKind.Missing, (await _step.ObserveAsync(context, CancellationToken.None)).Kind);

        var applied = await _step.ApplyAsync(context, CancellationToken.None);

        Assert.True(applied.Kind == OutcomeKind.Succeeded, applied.Summary);
        var live = await context.Cluster.GetAsync(ResourceKind.Namespace, null, "step-one-new", CancellationToken.None);
        Assert.Equal("enabled", live!["metadata"]!["labels"]!["istio-injection"]!.GetValue<string>());
        Assert.True(OwnershipLabels.IsManaged(live));

        var again = await harness.ContextAsync(StepIds.Namespace, parameters);
        var writes = harness.Writes;
        Assert.Equal(ObservationKind.InSync, (await _step.ObserveAsync(again, CancellationToken.None)).Kind);
        Assert.Equal(OutcomeKind.Succeeded, (await _step.ApplyAsync(again, CancellationToken.None)).Kind);
        Assert.Equal(writes, harness.Writes);
    }

    [Fact]
    public async Task Cleanup_NamespaceSomeoneElseCreated_OnlyItsLabelIsUndone()
    {
        var parameters = SetupParameters.Default with { Namespace = "step-one-theirs" };
        var context = await harness.ContextAsync(StepIds.Namespace, parameters);
        // Created by someone else (another field manager), as kubectl would.
        await context.Cluster.Client.CoreV1.CreateNamespaceAsync(new() { Metadata = new() { Name = "step-one-theirs", Labels = new Dictionary<string, string> { ["team"] = "a" } } }, fieldManager: "kubectl");

        var applied = await _step.ApplyAsync(context, CancellationToken.None);
        var cleaned = await _step.CleanupAsync(await harness.ContextAsync(StepIds.Namespace, parameters), CancellationToken.None);

        Assert.True(applied.Kind == OutcomeKind.Succeeded, applied.Summary);
        Assert.True(cleaned.Kind == OutcomeKind.Succeeded, cleaned.Summary);
        var live = await context.Cluster.GetAsync<k8s.Models.V1Namespace>(null, "step-one-theirs", CancellationToken.None);
        Assert.NotNull(live);
        Assert.Equal("a", live.Metadata.Labels["team"]);
        Assert.False(live.Metadata.Labels.ContainsKey("istio-injection"));
    }
}
