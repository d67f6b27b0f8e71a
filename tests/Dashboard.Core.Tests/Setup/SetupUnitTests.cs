using System.Text.Json.Nodes;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Dashboard.Core.Targets;

namespace Dashboard.Core.Tests.Setup;

public sealed class SetupParametersTests
{
    [Fact]
    public void Defaults_AreTheSeeds_AndValid()
    {
        var p = SetupParameters.Default;
        Assert.Equal(("httptools", "/status", "httpbin", "default-ingress-gateway", "default-ingress", "alb-ingress", "alb-certs"),
            (p.Namespace, p.RoutePrefix, p.HttpbinHostLabel, p.GatewayName, p.VirtualServiceName, p.IngressName, p.AlbSecretName));
        Assert.Empty(p.Validate());
    }

    [Theory]
    [InlineData("Namespace", "HTTPTools", "namespace 'HTTPTools' is not a DNS-1123 label")]
    [InlineData("Namespace", "istio-system", "system namespace")]
    [InlineData("RoutePrefix", "status", "routePrefix 'status' must start with '/'")]
    [InlineData("RoutePrefix", "/status?x=1", "must start with '/' and contain only URL path characters")]
    [InlineData("HttpbinHostLabel", "http_bin", "httpbinHostLabel 'http_bin' is not a DNS-1123 label")]
    [InlineData("GatewayName", "-gw", "gatewayName '-gw' is not a DNS-1123 name")]
    public void Validate_BadValue_NamesTheFieldAndTheFix(string field, string value, string expected)
    {
        var p = field switch
        {
            "Namespace" => SetupParameters.Default with { Namespace = value },
            "RoutePrefix" => SetupParameters.Default with { RoutePrefix = value },
            "HttpbinHostLabel" => SetupParameters.Default with { HttpbinHostLabel = value },
            _ => SetupParameters.Default with { GatewayName = value },
        };
        Assert.Contains(p.Validate(), e => e.Contains(expected, StringComparison.Ordinal));
    }
}

public sealed class ObjectComparerTests
{
    [Fact]
    public void Differences_LiveHasServerFields_AreIgnored()
    {
        var desired = JsonNode.Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"a","labels":{"x":"1"}},"spec":{"ports":[{"port":8000}]}}""")!.AsObject();
        var live = JsonNode.Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"a","uid":"u","labels":{"x":"1","y":"2"}},"spec":{"ports":[{"port":8000.0,"protocol":"TCP"}],"clusterIP":"10.0.0.1"},"status":{}}""")!.AsObject();
        Assert.Empty(ObjectComparer.Differences(desired, live));
    }

    [Fact]
    public void Differences_ChangedValueAndExtraListItem_AreReportedWithPaths()
    {
        var desired = JsonNode.Parse("""{"metadata":{"name":"a"},"spec":{"mode":"STRICT","hosts":["a"]}}""")!.AsObject();
        var live = JsonNode.Parse("""{"metadata":{"name":"a"},"spec":{"mode":"PERMISSIVE","hosts":["a","b"]}}""")!.AsObject();
        var differences = ObjectComparer.Differences(desired, live);
        Assert.Equal(["spec.mode", "spec.hosts"], differences.Select(d => d.Path));
        Assert.Equal(("STRICT", "PERMISSIVE"), (differences[0].Desired, differences[0].Live));
    }

    [Fact]
    public void Differences_InSecretData_NeverShowValues()
    {
        var desired = JsonNode.Parse("""{"metadata":{"name":"s"},"data":{"tls.key":"c2VjcmV0"}}""")!.AsObject();
        var live = JsonNode.Parse("""{"metadata":{"name":"s"},"data":{"tls.key":"b3RoZXI="}}""")!.AsObject();
        var difference = Assert.Single(ObjectComparer.Differences(desired, live, "data"));
        Assert.Equal(("(secret value)", "(secret value)"), (difference.Desired, difference.Live));
    }
}

public sealed class SetupEventsTests
{
    [Fact]
    public async Task Subscribe_ReceivesEventsOfItsTarget_AndDisposeUnsubscribes()
    {
        var hub = new SetupEvents();
        using var all = hub.Subscribe();
        var onlyB = hub.Subscribe("b");
        var run = Guid.NewGuid();
        hub.Publish(new SetupEvent(run, "a", SetupRunState.Running, "namespace", SetupStepState.Running, "x", DateTimeOffset.UnixEpoch));
        hub.Publish(new SetupEvent(run, "b", SetupRunState.Running, null, null, "y", DateTimeOffset.UnixEpoch));

        Assert.Equal("a", (await all.Events.ReadAsync()).TargetId);
        Assert.Equal("b", (await all.Events.ReadAsync()).TargetId);
        Assert.Equal("y", (await onlyB.Events.ReadAsync()).Message);
        Assert.Equal(2, hub.SubscriberCount);
        onlyB.Dispose();
        Assert.Equal(1, hub.SubscriberCount);
        Assert.False(await onlyB.Events.WaitToReadAsync());
    }
}

public sealed class TargetValidationTests
{
    [Fact]
    public void Problems_BadNameMissingKubeconfigAndSpacedKey_AreAllReportedWithoutEchoingTheKey()
    {
        var problems = TargetValidation.Problems(new TargetRequest("Prod_1", "/nonexistent/kubeconfig", null, false, "c", "secret key-value"), requireApiKeyShape: true);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("'Prod_1' is not a DNS label", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("whitespace", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("key-value", StringComparison.Ordinal));
        Assert.DoesNotContain("secret key-value", new TargetRequest("a", null, null, true, null, "secret key-value").ToString(), StringComparison.Ordinal);
    }
}
