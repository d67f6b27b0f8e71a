using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Steps;

namespace Dashboard.Core.Tests.Setup.Steps;

/// <summary>Step 9 on its own: the derived secrets from IKS's, named after their sources, never shown with key material.</summary>
public sealed class SecretsStepTests(StepHarness harness) : IClassFixture<StepHarness>
{
    [Fact]
    public async Task PlanThenApply_CurrentProfile_CaBundleAndAlbSecretWrittenAndThePlanHidesTheKeys()
    {
        await harness.ApplyThroughAsync(StepIds.Secrets);
        var context = await harness.ContextAsync(StepIds.Secrets);
        var step = new SecretsStep();
        Assert.Equal(ObservationKind.Missing, (await step.ObserveAsync(context, CancellationToken.None)).Kind);

        var applied = await step.ApplyAsync(await harness.ContextAsync(StepIds.Secrets), CancellationToken.None);
        var planning = await harness.ContextAsync(StepIds.Secrets);
        planning.IsPlanning = true;
        var plan = await step.PlanAsync(planning, CancellationToken.None);

        Assert.True(applied.Kind == OutcomeKind.Succeeded, applied.Summary);
        Assert.NotEmpty(plan.Objects);
        Assert.All(plan.Objects, o => Assert.Equal("none", o.Action));
        Assert.All(plan.Objects, o => Assert.DoesNotContain("PRIVATE KEY", o.Yaml + o.Diff, StringComparison.Ordinal));
        var registration = await context.Facts.RequireRegistrationAsync(CancellationToken.None);
        var alb = await context.Cluster.GetAsync(ResourceKind.Secret, SetupFacts.GatewayNamespace, context.Parameters.AlbSecretName, CancellationToken.None);
        Assert.Contains("private CA", alb!["metadata"]!["annotations"]![SecretsStep.SourceAnnotation]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(registration.CertificateSecretName, alb["metadata"]!["annotations"]![SecretsStep.SourceAnnotation]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ObservationKind.InSync, (await step.ObserveAsync(await harness.ContextAsync(StepIds.Secrets), CancellationToken.None)).Kind);
    }
}
