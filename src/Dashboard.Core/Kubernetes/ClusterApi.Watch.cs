using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;

namespace Dashboard.Core.Kubernetes;

/// <summary>Watches: the changes to a kind's objects, as the API streams them.</summary>
public sealed partial class ClusterApi
{
    /// <summary>
    /// The changes to objects of <paramref name="kind"/> in <paramref name="ns"/> (or all namespaces) matching
    /// <paramref name="labelSelector"/>, from <paramref name="resourceVersion"/> (a list's, see
    /// <see cref="ListWithVersionAsync"/>; null starts with the current objects as Added). Ends when the server closes
    /// the stream; an ERROR event (e.g. 410 when the version is too old: list again) ends it with a
    /// <see cref="KubernetesApiException"/> carrying the Status code.
    /// </summary>
    public async IAsyncEnumerable<(WatchEventType Type, JsonObject Object)> WatchAsync(ResourceKind kind, string? ns, string? labelSelector, string? resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var target = new ObjectRef(kind, ns, "*");
        var stream = ns is null
            ? Objects.WatchListClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, allowWatchBookmarks: false, labelSelector: labelSelector, resourceVersion: resourceVersion, cancellationToken: cancellationToken)
            : Objects.WatchListNamespacedCustomObjectAsync(kind.Group, kind.Version, ns, kind.Plural, allowWatchBookmarks: false, labelSelector: labelSelector, resourceVersion: resourceVersion, cancellationToken: cancellationToken);
        await using var events = stream.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (HttpOperationException e)
            {
                throw KubernetesApiException.From(e, "watch", target);
            }

            var (type, value) = events.Current;
            var item = ToJson(value);
            if (type == WatchEventType.Error)
            {
                var code = item?["code"]?.GetValue<int>() ?? 0;
                throw new KubernetesApiException($"The Kubernetes API ended the watch of {target}: HTTP {code}: {item?["message"]?.GetValue<string>()}", code, []);
            }

            if (type == WatchEventType.Bookmark || item is null)
            {
                continue;
            }

            yield return (type, item);
        }
    }
}
