using System.Text.Json.Nodes;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Steps;
using k8s;

namespace Dashboard.Core.Tests.Setup.Steps;

/// <summary>Steps 10 and 11 on their own: the Gateway and VirtualService take their hosts and credential from the shared facts.</summary>
public sealed class GatewayStepTests(StepHarness harness) : IClassFixture<StepHarness>
{
    [Fact]
    public async Task Apply_AfterTheSecrets_GatewayAndRouteAnswerForTheFactsHosts()
    {
        await harness.ApplyThroughAsync(StepIds.Gateway);
        var context = await harness.ContextAsync(StepIds.Gateway);
        var registration = await context.Facts.RequireRegistrationAsync(CancellationToken.None);
        var albHost = await context.Facts.AlbHostAsync(CancellationToken.None);
        Assert.Equal(IstioApi.Current, context.Profile.IstioApi);

        var gateway = await new GatewayStep().ApplyAsync(context, CancellationToken.None);
        var routeContext = await harness.ContextAsync(StepIds.VirtualService);
        var route = await new VirtualServiceStep().ApplyAsync(routeContext, CancellationToken.None);

        Assert.True(gateway.Kind == OutcomeKind.Succeeded, gateway.Summary);
        Assert.True(route.Kind == OutcomeKind.Succeeded, route.Summary);
        var kind = ResourceKind.Gateway(context.Profile.Apis.Networking);
        var live = await context.Cluster.GetAsync(kind, SetupFacts.GatewayNamespace, context.Parameters.GatewayName, CancellationToken.None);
        var server = live!["spec"]!["servers"]![0]!;
        Assert.Equal([registration.Host, albHost], Hosts(server["hosts"]));
        Assert.Equal("MUTUAL", server["tls"]!["mode"]!.GetValue<string>());
        Assert.Equal(registration.CertificateSecretName, server["tls"]!["credentialName"]!.GetValue<string>());
        var virtualService = await context.Cluster.ListAsync(ResourceKind.VirtualService(context.Profile.Apis.Networking), context.Parameters.Namespace, null, CancellationToken.None);
        Assert.Equal([registration.Host, albHost], Hosts(Assert.Single(virtualService)["spec"]!["hosts"]));
    }

    [Fact]
    public async Task Observe_TlsModeChangedByHand_DriftedNamingTheField()
    {
        await harness.ApplyThroughAsync(StepIds.Gateway);
        var parameters = SetupParameters.Default with { GatewayName = "drift-check" };
        var context = await harness.ContextAsync(StepIds.Gateway, parameters);
        Assert.Equal(ObservationKind.Missing, (await new GatewayStep().ObserveAsync(context, CancellationToken.None)).Kind);
        Assert.Equal(OutcomeKind.Succeeded, (await new GatewayStep().ApplyAsync(context, CancellationToken.None)).Kind);
        var kind = ResourceKind.Gateway(context.Profile.Apis.Networking);
        var live = await context.Cluster.GetAsync(kind, SetupFacts.GatewayNamespace, "drift-check", CancellationToken.None);
        live!["spec"]!["servers"]![0]!["tls"]!["mode"] = "SIMPLE";
        await context.Cluster.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(live, kind.Group, kind.Version, SetupFacts.GatewayNamespace, kind.Plural, "drift-check");

        var observation = await new GatewayStep().ObserveAsync(await harness.ContextAsync(StepIds.Gateway, parameters), CancellationToken.None);

        Assert.Equal(ObservationKind.Drifted, observation.Kind);
        Assert.Contains(observation.Differences, d => d.Path == "spec.servers[0].tls.mode" && d.Desired == "MUTUAL" && d.Live == "SIMPLE");
    }

    private static string[] Hosts(JsonNode? hosts) => [.. hosts!.AsArray().Select(h => h!.GetValue<string>())];
}
