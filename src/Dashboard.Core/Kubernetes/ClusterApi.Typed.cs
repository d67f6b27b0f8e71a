using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s;

namespace Dashboard.Core.Kubernetes;

/// <summary>
/// The same operations on KubernetesClient's models (<c>V1Secret</c>, <c>V1Deployment</c>, …), their kind taken from
/// the model (<see cref="ResourceKind.Of{T}"/>); the wire format stays the API's JSON, converted with KubernetesClient's serializer.
/// </summary>
public sealed partial class ClusterApi
{
    /// <summary>The object as <typeparamref name="T"/>, or null when it does not exist.</summary>
    public async Task<T?> GetAsync<T>(string? ns, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        await GetAsync(ResourceKind.Of<T>(), ns, name, cancellationToken) is { } json ? As<T>(json) : null;

    /// <summary>Objects of <typeparamref name="T"/>'s kind in <paramref name="ns"/> (or all namespaces), optionally filtered by a label selector.</summary>
    public async Task<IReadOnlyList<T>> ListAsync<T>(string? ns, string? labelSelector, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        [.. (await ListAsync(ResourceKind.Of<T>(), ns, labelSelector, cancellationToken)).Select(As<T>)];

    /// <summary>Server-side apply of <paramref name="manifest"/> (only the fields it sets are claimed); the object as the API returns it.</summary>
    public async Task<T> ApplyAsync<T>(T manifest, bool force, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var kind = ResourceKind.Of<T>();
        var json = JsonNode.Parse(KubernetesJson.Serialize(manifest))!.AsObject();
        json["apiVersion"] = kind.ApiVersion;
        json["kind"] = kind.Kind;
        return As<T>(await ApplyAsync(kind, json, force, cancellationToken));
    }

    /// <summary>Deletes the object of <typeparamref name="T"/>'s kind; false when it did not exist.</summary>
    public Task<bool> DeleteAsync<T>(string? ns, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject =>
        DeleteAsync(ResourceKind.Of<T>(), ns, name, cancellationToken);

    /// <summary>Changes to objects of <typeparamref name="T"/>'s kind, as <see cref="WatchAsync(ResourceKind, string?, string?, string?, CancellationToken)"/>.</summary>
    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync<T>(string? ns, string? labelSelector, string? resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        await foreach (var (type, json) in WatchAsync(ResourceKind.Of<T>(), ns, labelSelector, resourceVersion, cancellationToken))
        {
            yield return (type, As<T>(json));
        }
    }

    private static T As<T>(JsonObject json) => KubernetesJson.Deserialize<T>(json.ToJsonString());
}
