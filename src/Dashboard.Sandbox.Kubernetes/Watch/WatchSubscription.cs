using System.Threading.Channels;
using Dashboard.Sandbox.Kubernetes.Storage;

namespace Dashboard.Sandbox.Kubernetes.Watch;

/// <summary>One open watch: a bounded queue the writers fill without blocking, and the progress used for bookmarks.</summary>
internal sealed class WatchSubscription : IDisposable
{
    private readonly Channel<WatchItem> _channel;
    private readonly Action<WatchSubscription> _unsubscribe;
    private long _progress;

    public WatchSubscription(WatchFilter filter, int capacity, long startResourceVersion, Action<WatchSubscription> unsubscribe)
    {
        Filter = filter;
        _unsubscribe = unsubscribe;
        _progress = startResourceVersion;
        _channel = Channel.CreateBounded<WatchItem>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public WatchFilter Filter { get; }

    public ChannelReader<WatchItem> Reader => _channel.Reader;

    /// <summary>Every change of the resource up to this version has been queued (or filtered out).</summary>
    public long Progress => Interlocked.Read(ref _progress);

    /// <summary>Set when the watcher fell too far behind and was closed, as the real server does with slow watchers.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Offers a change; called under the store gate, never blocks.</summary>
    public void Offer(StoreChange change)
    {
        var item = Translate(change);
        if (item is not null && !_channel.Writer.TryWrite(item))
        {
            Overflowed = true;
            _channel.Writer.TryComplete();
        }

        Interlocked.Exchange(ref _progress, change.ResourceVersion);
    }

    public void Enqueue(WatchItem item) => _channel.Writer.TryWrite(item);

    /// <summary>Ends the watch (reset of the store, server stop).</summary>
    public void Close() => _channel.Writer.TryComplete();

    public void Dispose() => _unsubscribe(this);

    /// <summary>Maps a change to what this watcher sees, honouring filter transitions (MODIFIED out of the filter is DELETED).</summary>
    private WatchItem? Translate(StoreChange change)
    {
        var now = Filter.Matches(change.Object);
        switch (change.Kind)
        {
            case WatchEventKind.Added:
                return now ? new WatchItem(WatchEventKind.Added, change.Object) : null;
            case WatchEventKind.Deleted:
                return change.Previous is not null && Filter.Matches(change.Previous) ? new WatchItem(WatchEventKind.Deleted, change.Object) : null;
            default:
                var before = change.Previous is not null && Filter.Matches(change.Previous);
                return (before, now) switch
                {
                    (true, true) => new WatchItem(WatchEventKind.Modified, change.Object),
                    (false, true) => new WatchItem(WatchEventKind.Added, change.Object),
                    (true, false) => new WatchItem(WatchEventKind.Deleted, change.Object),
                    _ => null,
                };
        }
    }
}

/// <summary>An event for one watcher.</summary>
internal sealed record WatchItem(WatchEventKind Kind, StoredObject Object);
