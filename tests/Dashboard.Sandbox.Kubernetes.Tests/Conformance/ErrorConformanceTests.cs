using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;
using Dashboard.Testing;
using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.Kubernetes.Tests.Conformance;

/// <summary>Bad input gets the real server's status code and reason, and changes nothing.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class ErrorConformanceTests(ClusterFixture cluster) : IAsyncLifetime
{
    private readonly IKubernetes _client = cluster.CreateClient();
    private TestNamespace _ns = null!;

    public async Task InitializeAsync() => _ns = await TestNamespace.CreateAsync(_client, "conf-err");

    public async Task DisposeAsync() => await _ns.DisposeAsync();

    [Theory]
    [InlineData("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":", "application/json", 400, "BadRequest")]
    [InlineData("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"wrongkind\"}}", "application/json", 400, "BadRequest")]
    [InlineData("{\"apiVersion\":\"apps/v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"wrongversion\"}}", "application/json", 400, "BadRequest")]
    [InlineData("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"Bad_Name\"}}", "application/json", 422, "Invalid")]
    [InlineData("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{}}", "application/json", 422, "Invalid")]
    [InlineData("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"badtype\"},\"data\":{\"a\":5}}", "application/json", 400, "BadRequest")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata:\n  name: [unclosed\n", "application/yaml", 400, "BadRequest")]
    public async Task CreateSecret_BadBody_ReturnsTheServersStatus(string body, string contentType, int expectedCode, string expectedReason)
    {
        var (code, status) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{_ns.Name}/secrets", body, contentType);
        Assert.Equal(expectedCode, code);
        Assert.Equal(expectedReason, status.Reason());
        var left = await _client.CoreV1.ListNamespacedSecretAsync(_ns.Name);
        Assert.DoesNotContain(left.Items, s => s.Metadata.Name is "wrongkind" or "wrongversion" or "badtype");
    }

    [Fact]
    public async Task CreateSecret_InvalidName_Returns422WithNameCause()
    {
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CoreV1.CreateNamespacedSecretAsync(CrudConformanceTests.Secret("Not_DNS"), _ns.Name));
        Assert.Equal(422, code);
        Assert.Equal("Invalid", status.Reason());
        Assert.Contains("metadata.name", status.CauseFields());
    }

    [Fact]
    public async Task CreateSecret_OverOneMebibyte_Returns422()
    {
        var big = new V1Secret { Metadata = new V1ObjectMeta { Name = "big" }, Data = new Dictionary<string, byte[]> { ["blob"] = new byte[(1024 * 1024) + 1] } };
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CoreV1.CreateNamespacedSecretAsync(big, _ns.Name));
        Assert.Equal(422, code);
        Assert.Equal("Invalid", status.Reason());
        Assert.Contains("data", status.CauseFields());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateSecret_BodyOverThreeMebibytes_Returns413AndStoresNothing(bool withoutContentLength)
    {
        var body = $"{{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{{\"name\":\"huge\"}},\"stringData\":{{\"blob\":\"{new string('a', 3 * 1024 * 1024)}\"}}}}";
        var (code, status) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{_ns.Name}/secrets", body, "application/json", unsized: withoutContentLength);
        Assert.Equal(413, code);
        Assert.Equal("RequestEntityTooLarge", status.Reason());
        Assert.Contains("limit is 3145728", status.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await _client.CoreV1.ListNamespacedSecretAsync(_ns.Name)).Items, s => s.Metadata.Name == "huge");
    }

    [Fact]
    public async Task CreateService_UnsupportedType_Returns422()
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "enum" },
            Spec = new V1ServiceSpec { Type = "Teleport", Ports = [new V1ServicePort { Port = 80 }] },
        };
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CoreV1.CreateNamespacedServiceAsync(service, _ns.Name));
        Assert.Equal(422, code);
        Assert.Contains("spec.type", status.CauseFields());
    }

    [Fact]
    public async Task CreateDeployment_MissingSelector_Returns422()
    {
        var deployment = Workloads.Deployment("noselector", 1);
        deployment.Spec.Selector = null;
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, _ns.Name));
        Assert.Equal(422, code);
        Assert.Contains("spec.selector", status.CauseFields());
    }

    [Fact]
    public async Task UnknownResource_Returns404()
    {
        var (code, status) = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{_ns.Name}/widgets", null, null);
        Assert.Equal(404, code);
        Assert.Equal("NotFound", status.Reason());
        var (groupCode, _) = await SendAsync(HttpMethod.Get, "/apis/nonexistent.example.com/v1/things", null, null);
        Assert.Equal(404, groupCode);
    }

    [Fact]
    public async Task PostToNamedResource_Returns405()
    {
        var (code, status) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{_ns.Name}/secrets/some-name", "{}", "application/json");
        Assert.Equal(405, code);
        Assert.Equal("MethodNotAllowed", status.Reason());
    }

    [Fact]
    public async Task Patch_UnsupportedContentType_Returns415()
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(CrudConformanceTests.ConfigMap("ct"), _ns.Name);
        var (code, status) = await SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{_ns.Name}/configmaps/ct", "{}", "text/plain");
        Assert.Equal(415, code);
        Assert.Equal("UnsupportedMediaType", status.Reason());
    }

    [Fact]
    public async Task WrongToken_Returns401()
    {
        var (code, status) = await SendAsync(HttpMethod.Get, "/api/v1/namespaces", null, null, token: "wrong-token");
        Assert.Equal(401, code);
        Assert.Equal("Unauthorized", status.Reason());
    }

    [Fact]
    public async Task DeleteDefaultNamespace_Returns403()
    {
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CoreV1.DeleteNamespaceAsync("default"));
        Assert.Equal(403, code);
        Assert.Equal("Forbidden", status.Reason());
    }

    [Fact]
    public async Task CreateInMissingNamespace_Returns404()
    {
        var (code, status) = await ApiErrors.CaptureAsync(() => _client.CoreV1.CreateNamespacedSecretAsync(CrudConformanceTests.Secret("orphan"), TestNamespace.UniqueName("absent")));
        Assert.Equal(404, code);
        Assert.Equal("NotFound", status.Reason());
    }

    [Fact]
    public async Task NamespaceDeletion_GoesTerminatingThenAwayWithContents()
    {
        var ns = TestNamespace.UniqueName("conf-term");
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await _client.CoreV1.CreateNamespacedSecretAsync(CrudConformanceTests.Secret("inside", ("a", "b")), ns);
        var deleted = await _client.CoreV1.DeleteNamespaceAsync(ns);
        Assert.Equal("Terminating", deleted.ObjectView<V1Namespace>().Status?.Phase);
        await Poll.UntilAsync(async () =>
        {
            var all = await _client.CoreV1.ListNamespaceAsync(fieldSelector: "metadata.name=" + ns);
            return all.Items.Count == 0;
        }, "namespace removal", TimeSpan.FromSeconds(120));
        var (code, _) = await ApiErrors.CaptureAsync(() => _client.CoreV1.ReadNamespacedSecretAsync("inside", ns));
        Assert.Equal(404, code);
    }

    private async Task<(int Code, System.Text.Json.JsonElement Status)> SendAsync(HttpMethod method, string path, string? body, string? contentType, string? token = null, bool unsized = false)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath);
        using var client = new k8s.Kubernetes(config);
        using var request = new HttpRequestMessage(method, new Uri(new Uri(config.Host), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? config.AccessToken);
        if (body is not null)
        {
            request.Content = unsized ? new UnsizedContent(Encoding.UTF8.GetBytes(body)) : new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }

        using var response = await client.HttpClient.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        var status = doc.RootElement.Clone();
        Assert.Equal("Status", status.GetProperty("kind").GetString());
        Assert.Equal((int)response.StatusCode, status.GetProperty("code").GetInt32());
        return ((int)response.StatusCode, status);
    }

    /// <summary>A body sent without Content-Length (chunked, or HTTP/2 frames), so the server learns its size only by reading.</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
