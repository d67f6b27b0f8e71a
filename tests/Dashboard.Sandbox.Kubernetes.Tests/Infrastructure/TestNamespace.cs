using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;

/// <summary>A uniquely named namespace per test class, deleted afterwards, so tests can run against any cluster.</summary>
public sealed class TestNamespace : IAsyncDisposable
{
    private readonly IKubernetes _client;

    private TestNamespace(IKubernetes client, string name)
    {
        _client = client;
        Name = name;
    }

    public string Name { get; }

    public static async Task<TestNamespace> CreateAsync(IKubernetes client, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return new TestNamespace(client, name);
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.CoreV1.DeleteNamespaceAsync(Name);
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            // Already gone (a test may delete it on purpose).
        }
    }
}
