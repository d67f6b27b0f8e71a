using System.Collections.Immutable;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.DataPlane.Watching;

/// <summary>How to list and watch one resource type.</summary>
/// <param name="Kind">Display name for logs, e.g. <c>secrets</c>.</param>
/// <param name="ListAsync">Lists every object and returns the list's resourceVersion; null when the type is not served.</param>
/// <param name="Watch">Watches from a resourceVersion.</param>
internal sealed record ResourceSource<T>(
    string Kind,
    Func<CancellationToken, Task<(IReadOnlyList<T> Items, string? ResourceVersion)?>> ListAsync,
    Func<string, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Item)>> Watch)
    where T : IKubernetesObject<V1ObjectMeta>;

/// <summary>
/// A self-healing list+watch cache of one resource type (an informer): list, then watch from the list's
/// resourceVersion; reconnect from the last version seen, relist on 410 Gone or any error, with capped exponential
/// backoff plus jitter. Readers get immutable snapshots.
/// </summary>
internal sealed class ResourceCache<T>(ResourceSource<T> source, TimeProvider time, ILogger logger)
    where T : IKubernetesObject<V1ObjectMeta>
{
    private static readonly TimeSpan s_minBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableDictionary<string, T> _items = ImmutableDictionary<string, T>.Empty;

    /// <summary>Raised after every applied change (from the watch thread; handlers must be quick).</summary>
    public event Action? Changed;

    /// <summary>Completes after the first successful list.</summary>
    public Task Synced => _synced.Task;

    /// <summary>Whether the resource type was served at the last list.</summary>
    public bool Served { get; private set; }

    /// <summary>The current objects by <c>namespace/name</c>.</summary>
    public ImmutableDictionary<string, T> Items => Volatile.Read(ref _items);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var listed = await source.ListAsync(cancellationToken);
                if (listed is not { } list)
                {
                    Served = false;
                    Replace([]);
                    _synced.TrySetResult();
                    await Task.Delay(s_maxBackoff, time, cancellationToken);
                    continue;
                }

                Served = true;
                Replace(list.Items);
                _synced.TrySetResult();
                failures = 0;
                await WatchFromAsync(list.ResourceVersion ?? "0", cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or HttpOperationException or KubernetesException or IOException or InvalidOperationException or System.Text.Json.JsonException or TaskCanceledException)
            {
                failures++;
                var delay = Backoff(failures);
                DataPlaneLog.WatchFailed(logger, exception, source.Kind, (int)delay.TotalMilliseconds);
                await DelayQuietlyAsync(delay, cancellationToken);
            }
        }
    }

    private async Task WatchFromAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        // A watch that ends normally (server timeout) resumes from the last version seen; an error relists.
        while (!cancellationToken.IsCancellationRequested)
        {
            await foreach (var (type, item) in source.Watch(resourceVersion, cancellationToken))
            {
                switch (type)
                {
                    case WatchEventType.Added or WatchEventType.Modified:
                        Apply(items => items.SetItem(Key(item), item));
                        break;
                    case WatchEventType.Deleted:
                        Apply(items => items.Remove(Key(item)));
                        break;
                    case WatchEventType.Bookmark:
                        break;
                    default:
                        throw new KubernetesException(new V1Status { Code = (int)HttpStatusCode.Gone, Message = $"watch of {source.Kind} returned an error event" });
                }

                resourceVersion = item.Metadata?.ResourceVersion ?? resourceVersion;
            }
        }
    }

    private void Replace(IReadOnlyList<T> items) =>
        Apply(_ => items.ToImmutableDictionary(Key, i => i, StringComparer.Ordinal));

    private void Apply(Func<ImmutableDictionary<string, T>, ImmutableDictionary<string, T>> change)
    {
        Volatile.Write(ref _items, change(Volatile.Read(ref _items)));
        Changed?.Invoke();
    }

    private static string Key(T item) => $"{item.Metadata?.NamespaceProperty}/{item.Metadata?.Name}";

    private static TimeSpan Backoff(int failures)
    {
        var exponential = s_minBackoff * Math.Pow(2, Math.Min(failures - 1, 10));
        var capped = exponential > s_maxBackoff ? s_maxBackoff : exponential;
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }
}
