using Dashboard.Core.Ibm;
using Dashboard.Sandbox.Iks;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Ibm;

/// <summary>API failures become typed errors with a message and remedy naming the cluster and role, and IBM's fields verbatim.</summary>
[Collection(IbmSimulatorCollection.Name)]
public sealed class IksClientErrorTests(IbmSimulatorFixture fixture) : IDisposable
{
    private readonly ServiceProvider _services = fixture.Services();

    private IIksClient Client => _services.GetRequiredService<IIksClient>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task UnknownCluster_IsNotFoundNamingIt_WithIbmsFieldsVerbatim()
    {
        var result = await Client.GetClusterAsync(IbmSimulatorFixture.SandboxKey, "no-such-cluster");

        var error = result.Error!;
        Assert.Equal((IksErrorKind.NotFound, 404, "G0004", "General"), (error.Kind, error.HttpStatus, error.Code, error.Type));
        Assert.Contains("'no-such-cluster'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ibmcloud ks cluster ls", error.Remedy, StringComparison.Ordinal);
        Assert.StartsWith("The specified cluster could not be found.", error.Description, StringComparison.Ordinal);
        Assert.StartsWith("To list the clusters you have access to", error.RecoveryCli, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.IncidentId));
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task ViewerKey_RegisteringIsForbidden_NamingTheEditorRoleAndCluster_WithoutRetry()
    {
        var before = fixture.Simulator.Requests;

        var result = await Client.RegisterClassicNlbDnsAsync(IbmCredential.FromApiKey(SandboxIksDefaults.ViewerApiKey), "sandbox", ["169.46.71.1"]);

        var error = result.Error!;
        Assert.Equal((IksErrorKind.Forbidden, 403), (error.Kind, error.HttpStatus));
        Assert.Contains("'Editor'", error.Message, StringComparison.Ordinal);
        Assert.Contains("cluster 'sandbox'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--roles Editor", error.Remedy, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Simulator.Requests.Since(before)["v1.nlb-dns.register"]);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task ViewerKey_AddingIpsIsForbidden_AndTheIdempotentPutIsNotRetried()
    {
        // The PUT is idempotent, so the retry strategy would repeat it on 429/5xx: a 403 must end it at the first answer.
        var viewer = IbmCredential.FromApiKey(SandboxIksDefaults.ViewerApiKey);
        var host = fixture.Simulator.Clusters.Single(c => c.Name == "sandbox").IngressSubdomain;
        var before = fixture.Simulator.Requests;

        var result = await Client.AddNlbDnsIpsAsync(viewer, "sandbox", host, ["169.46.71.9"]);

        var error = result.Error!;
        Assert.Equal((IksErrorKind.Forbidden, 403, 1), (error.Kind, error.HttpStatus, error.Attempts));
        Assert.Contains("'Editor'", error.Message, StringComparison.Ordinal);
        Assert.Contains("cluster 'sandbox'", error.Message, StringComparison.Ordinal);
        var delta = fixture.Simulator.Requests.Since(before);
        Assert.Equal((1L, 1L), (delta["v1.nlb-dns.add"], delta.Iks));
    }

    [Fact]
    public async Task UnknownApiKey_IsUnauthorized_WithIamsCode_AndNoIksRequest()
    {
        var before = fixture.Simulator.Requests;

        var result = await Client.GetClusterAsync(IbmCredential.FromApiKey("revoked-key-123"), "sandbox");

        var error = result.Error!;
        Assert.Equal((IksErrorKind.Unauthorized, 400, "BXNIM0415E"), (error.Kind, error.HttpStatus, error.Code));
        Assert.Equal("Provided API key could not be found.", error.Description);
        Assert.Contains("api-key-create", error.Remedy, StringComparison.Ordinal);
        Assert.Contains("cluster 'sandbox'", error.Message, StringComparison.Ordinal);
        var delta = fixture.Simulator.Requests.Since(before);
        Assert.Equal(0, delta.Iks);
        Assert.Equal(1, delta.Iam);
    }

    [Theory]
    [InlineData("999.1.1.1")]
    [InlineData("2001:db8::1")]
    [InlineData("1.2.3")]
    public async Task InvalidIp_IsRejectedBeforeSending(string ip)
    {
        var before = fixture.Simulator.Requests;

        var result = await Client.RegisterClassicNlbDnsAsync(IbmSimulatorFixture.SandboxKey, "sandbox", [ip]);

        Assert.Equal(IksErrorKind.BadRequest, result.Error!.Kind);
        Assert.Contains(ip, result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", result.Error.Remedy, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Simulator.Requests.Since(before).Total);
    }

    [Fact]
    public async Task InvalidNamespace_IsRejectedBeforeSending()
    {
        var result = await Client.RegisterClassicNlbDnsAsync(IbmSimulatorFixture.SandboxKey, "sandbox", ["169.46.71.2"], "Istio_System");

        Assert.Equal(IksErrorKind.BadRequest, result.Error!.Kind);
        Assert.Contains("Istio_System", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongProvider_IsBadRequestWithIbmsDescription()
    {
        var result = await Client.RegisterVpcNlbDnsAsync(IbmSimulatorFixture.SandboxKey, "sandbox", "x1-us-south.lb.appdomain.cloud");

        Assert.Equal((IksErrorKind.BadRequest, 400), (result.Error!.Kind, result.Error.HttpStatus));
        Assert.Contains("supported only for VPC clusters", result.Error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThrowingStyle_CarriesTheErrorWithoutSecrets()
    {
        var result = await Client.GetClusterAsync(IbmSimulatorFixture.SandboxKey, "nope");

        var thrown = Assert.Throws<IksException>(result.GetValueOrThrow);
        Assert.Same(result.Error, thrown.Error);
        Assert.Contains("'nope'", thrown.Message, StringComparison.Ordinal);
    }
}
