using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Storage;

namespace Dashboard.Sandbox.Kubernetes.Watch;

/// <summary>
/// Fans committed changes out to watchers and keeps a bounded history per resource, so a watch can resume from a
/// recent resourceVersion; older versions get 410 Expired, as from the real server's watch cache.
/// </summary>
internal sealed class WatchHub
{
    private readonly ObjectStore _store;
    private readonly int _historyCapacity;
    private readonly int _queueCapacity;
    private readonly Dictionary<GroupResource, ResourceHistory> _resources = [];
    private long _oldestAvailable;

    public WatchHub(ObjectStore store, int historyCapacity, int queueCapacity)
    {
        _store = store;
        _historyCapacity = historyCapacity;
        _queueCapacity = queueCapacity;
        _oldestAvailable = store.ResourceVersion;
        store.Committed += OnCommitted;
        store.Replaced += OnReplaced;
    }

    public int OpenWatches
    {
        get
        {
            lock (_store.Gate)
            {
                return _resources.Values.Sum(r => r.Subscribers.Length);
            }
        }
    }

    /// <summary>
    /// Opens a watch. With <paramref name="fromResourceVersion"/> null, current objects arrive first as ADDED events
    /// (as for an unset or "0" resourceVersion); otherwise every change after that version is replayed.
    /// </summary>
    public WatchSubscription Subscribe(GroupResource resource, WatchFilter filter, long? fromResourceVersion)
    {
        lock (_store.Gate)
        {
            var history = Get(resource);
            var start = _store.ResourceVersion;
            var subscription = new WatchSubscription(filter, _queueCapacity, start, s => Unsubscribe(resource, s));
            if (fromResourceVersion is null)
            {
                foreach (var obj in _store.List(resource, filter.Namespace).Where(filter.Matches))
                {
                    subscription.Enqueue(new WatchItem(WatchEventKind.Added, obj));
                }
            }
            else
            {
                var oldest = Math.Max(_oldestAvailable, history.Compacted);
                if (fromResourceVersion.Value < oldest)
                {
                    throw ApiException.Expired($"too old resource version: {fromResourceVersion.Value} ({oldest})");
                }

                foreach (var change in history.Since(fromResourceVersion.Value))
                {
                    subscription.Offer(change);
                }
            }

            history.Subscribers = [.. history.Subscribers, subscription];
            return subscription;
        }
    }

    /// <summary>Forgets history up to now, as a freshly started watch cache would (used after the cluster is preloaded).</summary>
    public void StartHistoryHere()
    {
        lock (_store.Gate)
        {
            _oldestAvailable = _store.ResourceVersion;
            foreach (var history in _resources.Values)
            {
                history.Clear();
            }
        }
    }

    private void Unsubscribe(GroupResource resource, WatchSubscription subscription)
    {
        lock (_store.Gate)
        {
            var history = Get(resource);
            history.Subscribers = history.Subscribers.Where(s => !ReferenceEquals(s, subscription)).ToArray();
        }
    }

    private void OnCommitted(StoreChange change)
    {
        var history = Get(change.Object.Resource);
        history.Append(change, _historyCapacity);
        foreach (var subscriber in history.Subscribers)
        {
            subscriber.Offer(change);
        }
    }

    private void OnReplaced(long resourceVersion)
    {
        _oldestAvailable = resourceVersion;
        foreach (var history in _resources.Values)
        {
            history.Clear();
            foreach (var subscriber in history.Subscribers)
            {
                subscriber.Close();
            }
        }
    }

    private ResourceHistory Get(GroupResource resource)
    {
        if (!_resources.TryGetValue(resource, out var history))
        {
            history = new ResourceHistory();
            _resources[resource] = history;
        }

        return history;
    }

    /// <summary>A ring of the latest changes of one resource.</summary>
    private sealed class ResourceHistory
    {
        private StoreChange[] _ring = [];
        private int _start;
        private int _count;

        public WatchSubscription[] Subscribers { get; set; } = [];

        /// <summary>The newest version no longer in the ring; a watch must start at or after it.</summary>
        public long Compacted { get; private set; }

        public void Append(StoreChange change, int capacity)
        {
            if (_ring.Length == 0)
            {
                _ring = new StoreChange[capacity];
            }

            if (_count == _ring.Length)
            {
                Compacted = _ring[_start].ResourceVersion;
                _ring[_start] = change;
                _start = (_start + 1) % _ring.Length;
            }
            else
            {
                _ring[(_start + _count) % _ring.Length] = change;
                _count++;
            }
        }

        public IEnumerable<StoreChange> Since(long resourceVersion)
        {
            for (var i = 0; i < _count; i++)
            {
                var change = _ring[(_start + i) % _ring.Length];
                if (change.ResourceVersion > resourceVersion)
                {
                    yield return change;
                }
            }
        }

        public void Clear()
        {
            _ring = [];
            _start = 0;
            _count = 0;
            Compacted = 0;
        }
    }
}
