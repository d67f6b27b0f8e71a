using System.Net;
using System.Text;
using Dashboard.Core.Ibm;
using Dashboard.Core.Ibm.Iam;
using Dashboard.Core.Ibm.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Ibm;

/// <summary>The verbatim payloads recorded in iks-api.md parse into the right values.</summary>
public sealed class RecordedPayloadTests
{
    // `ibmcloud ks nlb-dns ls --output json` on a classic IKS cluster (iks-api.md, stored id 4637116578).
    private const string ClassicList = """
        [
            {
                "clusterID": "bvmvv8vd0a5t7uq0eii0",
                "nlbIP": "[\"169.46.16.243\"]",
                "nlbIPArray": [
                    "169.46.16.243"
                ],
                "nlbType": "public",
                "nlbHost": "remkohdev-test-iks119-2-2bef1f4b4097001da9502000c44fc2b2-0000.us-south.containers.appdomain.cloud",
                "secretNamespace": "default",
                "nlbMonitorState": "None",
                "nlbSslSecretName": "remkohdev-test-iks119-2-2bef1f4b4097001da9502000c44fc2b2-0000",
                "nlbSslSecretStatus": "created"
            }
        ]
        """;

    // The same on an OpenShift classic cluster (stored id 4631927204).
    private const string RoksList = """
        [
            {
                "clusterID": "c09nq3aw0cv06eckrvsg",
                "nlbIP": "[\"169.47.155.244\"]",
                "nlbIPArray": [
                    "169.47.155.244"
                ],
                "nlbType": "public",
                "nlbHost": "dte-ocp44-on2g3r-915b3b336cabec458a7c7ec2aa7c625f-0000.us-east.containers.appdomain.cloud",
                "secretNamespace": "openshift-ingress",
                "nlbMonitorState": "None",
                "nlbSslSecretName": "dte-ocp44-on2g3r-915b3b336cabec458a7c7ec2aa7c625f-0000",
                "nlbSslSecretStatus": "created"
            }
        ]
        """;

    // SDK unit-test fixtures (field names only).
    private const string VpcFixture = """[{"Nlb": {"cluster": "Cluster", "dnsType": "DnsType", "lbHostname": "LbHostname", "nlbIPArray": ["NlbIPArray"], "nlbSubdomain": "NlbSubdomain", "secretNamespace": "SecretNamespace", "type": "Type"}, "secretName": "SecretName", "secretStatus": "SecretStatus"}]""";

    private const string V1ListFixture = """{"clusterid": "Clusterid", "nlbHealthCheckConfigs": [{"clusterID": "ClusterID", "healthCheckStatus": "HealthCheckStatus", "nlbHost": "NlbHost", "path": "Path", "port": 4, "type": "Type"}], "nlbHealthCheckStatus": [{"clusterID": "ClusterID", "monitorState": "MonitorState", "monitorStatus": "MonitorStatus", "nlbHost": "NlbHost", "nlbIP": "NlbIP"}], "nlbs": [{"clusterID": "ClusterID", "nlbDnsType": "NlbDnsType", "nlbHost": "NlbHost", "nlbIPArray": ["NlbIPArray"], "nlbMonitorState": "NlbMonitorState", "nlbSslSecretName": "NlbSslSecretName", "nlbSslSecretStatus": "NlbSslSecretStatus", "nlbType": "NlbType", "secretNamespace": "SecretNamespace"}]}""";

    // IAM "Expected response" (IAMDOC).
    private const string IamResponse = """
        {
          "access_token": "eyJhbGciOiJIUz......sgrKIi8hdFs",
          "refresh_token": "SPrXw5tBE3......KBQ+luWQVY=",
          "token_type": "Bearer",
          "expires_in": 3600,
          "expiration": 1473188353
        }
        """;

    // IKS error body (terraform-provider-ibm#2067, HTTP 404).
    private const string SecretNotFound = """{"incidentID":"5f82fa1696ce299a-IAD","code":"E0024","description":"The specified Ingress secret name is not found for this cluster.","type":"ALBSecret","recoveryCLI":"To list the Ingress secrets for a cluster, run 'ibmcloud ks ingress secret ls -c ..."}""";

    // IKS's answer to a token it cannot verify (the A0003 body the simulator also answers with).
    private const string InvalidToken = """{"incidentID":"7a1c2b3d4e5f6a7b-IAD","code":"A0003","description":"Your IAM token could not be verified. To retrieve your access tokens, run 'ibmcloud iam oauth-tokens'. Then use the IAM token for the Authorization header.","type":"Authentication","recoveryCLI":"To log in to IBM Cloud, run 'ibmcloud login'."}""";

    [Fact]
    public void ClassicList_ParsesIntoTheFlatEntry()
    {
        var entry = Assert.Single(IksPayloads.ParseNlbDnsList(ClassicList));

        Assert.Equal("remkohdev-test-iks119-2-2bef1f4b4097001da9502000c44fc2b2-0000.us-south.containers.appdomain.cloud", entry.Host);
        Assert.Equal(["169.46.16.243"], entry.Ips);
        Assert.Equal("remkohdev-test-iks119-2-2bef1f4b4097001da9502000c44fc2b2-0000", entry.SecretName);
        Assert.Equal(("created", "default", "public", "None"), (entry.SecretStatus, entry.SecretNamespace, entry.Type, entry.MonitorState));
        Assert.Equal(ClusterType.Classic, entry.ClusterType);
        Assert.True(entry.IsIngressSubdomain);
        Assert.True(entry.IsCertificateReady);
        Assert.Null(entry.LbHostname);
    }

    [Fact]
    public void RoksList_KeepsItsSecretNamespace()
    {
        var entry = Assert.Single(IksPayloads.ParseNlbDnsList(RoksList));

        Assert.Equal("openshift-ingress", entry.SecretNamespace);
        Assert.Equal(["169.47.155.244"], entry.Ips);
        Assert.Equal("dte-ocp44-on2g3r-915b3b336cabec458a7c7ec2aa7c625f-0000", entry.SecretName);
    }

    [Fact]
    public void ClassicEntry_WithOnlyTheStringifiedIpField_StillYieldsItsIps()
    {
        var entry = Assert.Single(IksPayloads.ParseNlbDnsList(ClassicList.Replace("\"nlbIPArray\": [\n                    \"169.46.16.243\"\n                ],", string.Empty, StringComparison.Ordinal)));

        Assert.Equal(["169.46.16.243"], entry.Ips);
    }

    [Fact]
    public void VpcFixture_ParsesTheNlbWrapper()
    {
        var entry = Assert.Single(IksPayloads.ParseNlbDnsList(VpcFixture));

        Assert.Equal(("NlbSubdomain", "LbHostname", "SecretName", "SecretStatus", "SecretNamespace"), (entry.Host, entry.LbHostname, entry.SecretName, entry.SecretStatus, entry.SecretNamespace));
        Assert.Equal(["NlbIPArray"], entry.Ips);
        Assert.Equal(("Type", "DnsType"), (entry.Type, entry.DnsType));
        Assert.Equal(ClusterType.Vpc, entry.ClusterType);
    }

    [Fact]
    public void MixedList_IsReadPerElement()
    {
        var entries = IksPayloads.ParseNlbDnsList("[" + ClassicList.Trim()[1..^1] + "," + VpcFixture[1..^1] + "]");

        Assert.Equal([ClusterType.Classic, ClusterType.Vpc], entries.Select(e => e.ClusterType));
    }

    [Fact]
    public void V1ListFixture_NlbsElementsAreClassicConfigs()
    {
        var nlbs = System.Text.Json.Nodes.JsonNode.Parse(V1ListFixture)!["nlbs"]!.ToJsonString();

        var entry = Assert.Single(IksPayloads.ParseNlbDnsList(nlbs));

        Assert.Equal(("NlbHost", "NlbSslSecretName", "NlbSslSecretStatus", "NlbDnsType", "NlbMonitorState"), (entry.Host, entry.SecretName, entry.SecretStatus, entry.DnsType, entry.MonitorState));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("[{\"nlbIPArray\":[]}]")]
    [InlineData("[{\"Nlb\":{\"cluster\":\"c\"}}]")]
    public void UndocumentedShapes_AreRejected(string json)
    {
        Assert.ThrowsAny<Exception>(() => IksPayloads.ParseNlbDnsList(json));
    }

    [Fact]
    public async Task IamResponse_BecomesATokenWithItsLifetime()
    {
        var client = new IamTokenClient(new HttpClient(new Recorded(HttpStatusCode.OK, IamResponse)), Monitor(), TimeProvider.System);

        var token = (await client.ExchangeAsync(IbmCredential.FromApiKey("k"), CancellationToken.None)).GetValueOrThrow();

        Assert.Equal(("eyJhbGciOiJIUz......sgrKIi8hdFs", "Bearer", TimeSpan.FromSeconds(3600)), (token.AccessToken, token.TokenType, token.Lifetime));
        Assert.DoesNotContain("eyJ", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IksErrorBody_IsSurfacedVerbatim()
    {
        var client = new IksClient(new HttpClient(new Recorded(HttpStatusCode.NotFound, SecretNotFound)), new FixedToken(), Monitor(), TimeProvider.System, NullLogger<IksClient>.Instance);

        var result = await client.DeleteSecretAsync(IbmCredential.FromApiKey("k"), "mycluster", "mycluster-0001.us-south.containers.appdomain.cloud");

        var error = result.Error!;
        Assert.Equal((IksErrorKind.NotFound, 404), (error.Kind, error.HttpStatus));
        Assert.Equal(("5f82fa1696ce299a-IAD", "E0024", "ALBSecret"), (error.IncidentId, error.Code, error.Type));
        Assert.Equal("The specified Ingress secret name is not found for this cluster.", error.Description);
        Assert.Equal("To list the Ingress secrets for a cluster, run 'ibmcloud ks ingress secret ls -c ...", error.RecoveryCli);
        Assert.Contains(error.Description!, error.Message, StringComparison.Ordinal);
        Assert.Contains("cluster 'mycluster'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonJsonSuccessBody_IsAnInvalidResponse()
    {
        var client = new IksClient(new HttpClient(new Recorded(HttpStatusCode.OK, "<html>proxy login</html>")), new FixedToken(), Monitor(), TimeProvider.System, NullLogger<IksClient>.Instance);

        var result = await client.GetClusterAsync(IbmCredential.FromApiKey("k"), "mycluster");

        Assert.Equal(IksErrorKind.InvalidResponse, result.Error!.Kind);
        Assert.Contains("Ibm:ApiBaseUrl", result.Error.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_AfterTheOneReauthentication_IsAnUnauthorizedErrorNamingTheApiKey()
    {
        // IKS refuses the token twice (a revoked key whose token is still cached, or IAM and IKS disagreeing): the client
        // fetches a fresh token once, then gives up with its own 401 wording instead of looping.
        var handler = new Recorded(HttpStatusCode.Unauthorized, InvalidToken);
        var tokens = new FixedToken();
        var client = new IksClient(new HttpClient(handler), tokens, Monitor(), TimeProvider.System, NullLogger<IksClient>.Instance);

        var result = await client.ListNlbDnsAsync(IbmCredential.FromApiKey("k"), "mycluster");

        var error = result.Error!;
        Assert.Equal((IksErrorKind.Unauthorized, 401, "A0003"), (error.Kind, error.HttpStatus, error.Code));
        Assert.Contains("the API key is invalid, expired or revoked", error.Message, StringComparison.Ordinal);
        Assert.Contains("cluster 'mycluster'", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Check the target's API key", error.Remedy, StringComparison.Ordinal);
        Assert.Contains("ibmcloud iam api-key-create", error.Remedy, StringComparison.Ordinal);
        Assert.Equal((2, 1), (handler.Requests, tokens.Invalidated));
    }

    private static StaticMonitor Monitor() => new StaticMonitor(new IbmOptions { ApiBaseUrl = "https://iks.test/global", IamTokenUrl = "https://iam.test/identity/token" });

    /// <summary>Answers every request with a recorded IBM payload (no network), counting them.</summary>
    private sealed class Recorded(HttpStatusCode status, string body) : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request });
        }
    }

    private sealed class FixedToken : IIamTokenProvider
    {
        private int _invalidated;

        public int Invalidated => Volatile.Read(ref _invalidated);

        public Task<IksResult<IamToken>> GetTokenAsync(IbmCredential credential, CancellationToken cancellationToken = default) =>
            Task.FromResult(IksResult.Success(new IamToken("recorded.token.value", "Bearer", DateTimeOffset.UtcNow, TimeSpan.FromHours(1))));

        public void Invalidate(IbmCredential credential, IamToken rejected) => Interlocked.Increment(ref _invalidated);
    }

    private sealed class StaticMonitor(IbmOptions value) : IOptionsMonitor<IbmOptions>
    {
        public IbmOptions CurrentValue => value;

        public IbmOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<IbmOptions, string?> listener) => null;
    }
}
