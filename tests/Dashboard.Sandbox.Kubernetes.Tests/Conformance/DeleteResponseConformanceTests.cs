using Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.Kubernetes.Tests.Conformance;

/// <summary>
/// What a DELETE answers decides whether KubernetesClient's typed delete can read it: kinds whose storage returns the
/// deleted object (Services, Pods) must not answer with a Status, whose "status":"Success" is no V1ServiceStatus.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class DeleteResponseConformanceTests(ClusterFixture cluster) : IAsyncLifetime
{
    private readonly IKubernetes _client = cluster.CreateClient();
    private TestNamespace _ns = null!;

    public async Task InitializeAsync() => _ns = await TestNamespace.CreateAsync(_client, "conf-delete");

    public async Task DisposeAsync() => await _ns.DisposeAsync();

    [Fact]
    public async Task Service_Delete_AnswersWithTheDeletedService()
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "svc" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }], Selector = new Dictionary<string, string> { ["app"] = "x" } },
        };
        var created = await _client.CoreV1.CreateNamespacedServiceAsync(service, _ns.Name);

        var deleted = await _client.CoreV1.DeleteNamespacedServiceAsync("svc", _ns.Name);

        Assert.Equal(created.Metadata.Uid, deleted.Metadata.Uid);
        Assert.Equal("svc", deleted.Metadata.Name);
        var (code, _) = await ApiErrors.CaptureAsync(() => _client.CoreV1.ReadNamespacedServiceAsync("svc", _ns.Name));
        Assert.Equal(404, code);
    }

    [Fact]
    public async Task Secret_Delete_AnswersWithASuccessStatus()
    {
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, StringData = new Dictionary<string, string> { ["k"] = "v" } }, _ns.Name);

        var status = await _client.CoreV1.DeleteNamespacedSecretAsync("s", _ns.Name);

        Assert.Equal("Success", status.Status);
        Assert.Equal("s", status.Details.Name);
    }
}
