using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Storage;

/// <summary>
/// The cluster's objects, in memory, indexed by resource, namespace and name, with one monotonically increasing
/// resourceVersion for every write (as etcd's revision). All writes happen under <see cref="Gate"/>; observers are
/// told of each committed change while the gate is held, so they see changes in order and must not block.
/// </summary>
internal sealed class ObjectStore
{
    private readonly Dictionary<GroupResource, ResourceBucket> _buckets = [];

    // Point reads are the hot path (every get, every admission check): a flat concurrent index serves them without
    // taking the gate; it is only written under the gate, together with the buckets.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(GroupResource, string, string), StoredObject> _byKey = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StoredObject> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<(GroupResource Resource, string Namespace, string Name)>> _dependents = new(StringComparer.Ordinal);
    private long _resourceVersion;

    /// <summary>Held for every write and for reads that must be consistent with a watch start.</summary>
    public object Gate { get; } = new();

    /// <summary>Told of each committed change, under the gate.</summary>
    public event Action<StoreChange>? Committed;

    /// <summary>Told when the whole content was replaced (load or reset), under the gate.</summary>
    public event Action<long>? Replaced;

    public long ResourceVersion => Interlocked.Read(ref _resourceVersion);

    public int Count
    {
        get
        {
            lock (Gate)
            {
                return _buckets.Values.Sum(b => b.Count);
            }
        }
    }

    /// <summary>The live object with this uid, if any.</summary>
    public StoredObject? GetByUid(string uid) => _byUid.TryGetValue(uid, out var stored) ? stored : null;

    public StoredObject? Get(GroupResource resource, string ns, string name) =>
        _byKey.TryGetValue((resource, ns, name), out var stored) ? stored : null;

    /// <summary>Objects in key order (namespace, then name), starting after <paramref name="afterKey"/> when given.</summary>
    public List<StoredObject> List(GroupResource resource, string? ns, string? afterKey = null)
    {
        lock (Gate)
        {
            return _buckets.TryGetValue(resource, out var bucket) ? bucket.List(ns, afterKey) : [];
        }
    }

    /// <summary>A page of matching objects and the number of objects after it (see <see cref="ResourceBucket.Scan"/>).</summary>
    public (List<StoredObject> Items, int Following) Scan(GroupResource resource, string? ns, string? afterKey, Func<StoredObject, bool> match, int max)
    {
        lock (Gate)
        {
            return _buckets.TryGetValue(resource, out var bucket) ? bucket.Scan(ns, afterKey, match, max) : ([], 0);
        }
    }

    /// <summary>Objects whose ownerReferences name <paramref name="ownerUid"/>.</summary>
    public List<StoredObject> Dependents(string ownerUid)
    {
        lock (Gate)
        {
            if (!_dependents.TryGetValue(ownerUid, out var keys))
            {
                return [];
            }

            return keys.Select(k => _buckets.TryGetValue(k.Resource, out var b) ? b.Get(k.Namespace, k.Name) : null).OfType<StoredObject>().ToList();
        }
    }

    /// <summary>Every group/resource that holds objects in <paramref name="ns"/>.</summary>
    public List<GroupResource> ResourcesIn(string ns)
    {
        lock (Gate)
        {
            return _buckets.Where(b => b.Value.HasNamespace(ns)).Select(b => b.Key).ToList();
        }
    }

    /// <summary>Stores a new object or a new version of one; the caller holds the gate and has checked preconditions.</summary>
    public StoredObject Put(GroupResource resource, JsonObject obj)
    {
        var stored = new StoredObject(resource, obj, ++_resourceVersion);
        var bucket = GetBucket(resource);
        var previous = bucket.Set(stored);
        _byKey[(resource, stored.Namespace, stored.Name)] = stored;
        Unindex(previous);
        _byUid[stored.Uid] = stored;
        Index(stored);
        Committed?.Invoke(new StoreChange(previous is null ? WatchEventKind.Added : WatchEventKind.Modified, stored, previous));
        return stored;
    }

    /// <summary>Removes an object; the DELETED event carries <paramref name="finalState"/> at a new resourceVersion.</summary>
    public StoredObject? Remove(GroupResource resource, string ns, string name, JsonObject? finalState = null)
    {
        if (!_buckets.TryGetValue(resource, out var bucket) || bucket.Remove(ns, name) is not { } previous)
        {
            return null;
        }

        _byKey.TryRemove((resource, ns, name), out _);
        _byUid.TryRemove(previous.Uid, out _);

        Unindex(previous);
        var tombstone = new StoredObject(resource, finalState ?? previous.Clone(), ++_resourceVersion);
        Committed?.Invoke(new StoreChange(WatchEventKind.Deleted, tombstone, previous));
        return tombstone;
    }

    /// <summary>
    /// Replaces everything (load from disk, reset); no events, watchers are told through <see cref="Replaced"/>.
    /// All or nothing: the objects are checked before anything is replaced, so a bad object (e.g. a resourceVersion
    /// that is not a decimal string) throws <see cref="InvalidDataException"/> and leaves the store as it was.
    /// </summary>
    public void ReplaceAll(IEnumerable<(GroupResource Resource, JsonObject Object)> objects, long resourceVersion)
    {
        var incoming = new List<StoredObject>();
        foreach (var (resource, obj) in objects)
        {
            var rv = StoredVersion(resource, obj) ?? resourceVersion;
            incoming.Add(new StoredObject(resource, obj, rv));
            resourceVersion = Math.Max(resourceVersion, rv);
        }

        lock (Gate)
        {
            _buckets.Clear();
            _byKey.Clear();
            _byUid.Clear();
            _dependents.Clear();
            foreach (var stored in incoming)
            {
                GetBucket(stored.Resource).Set(stored);
                _byKey[(stored.Resource, stored.Namespace, stored.Name)] = stored;
                _byUid[stored.Uid] = stored;
                Index(stored);
            }

            Interlocked.Exchange(ref _resourceVersion, resourceVersion);
            Replaced?.Invoke(resourceVersion);
        }
    }

    private static long? StoredVersion(GroupResource resource, JsonObject obj)
    {
        var node = obj["metadata"] is JsonObject metadata ? metadata["resourceVersion"] : null;
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String
            && long.TryParse(value.GetValue<string>(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rv)
            ? rv
            : throw new InvalidDataException($"{resource.Resource} {obj.Str("metadata", "namespace")}/{obj.Str("metadata", "name")} has metadata.resourceVersion {node.ToJsonString()}, not a decimal string");
    }

    /// <summary>Everything stored, for persistence.</summary>
    public (List<StoredObject> Objects, long ResourceVersion) Snapshot()
    {
        lock (Gate)
        {
            return (_buckets.Values.SelectMany(b => b.List(null, null)).ToList(), _resourceVersion);
        }
    }

    private ResourceBucket GetBucket(GroupResource resource)
    {
        if (!_buckets.TryGetValue(resource, out var bucket))
        {
            bucket = new ResourceBucket();
            _buckets[resource] = bucket;
        }

        return bucket;
    }

    private void Index(StoredObject stored)
    {
        foreach (var owner in stored.OwnerUids)
        {
            if (!_dependents.TryGetValue(owner, out var set))
            {
                set = [];
                _dependents[owner] = set;
            }

            set.Add((stored.Resource, stored.Namespace, stored.Name));
        }
    }

    private void Unindex(StoredObject? stored)
    {
        if (stored is null)
        {
            return;
        }

        foreach (var owner in stored.OwnerUids)
        {
            if (_dependents.TryGetValue(owner, out var set) && set.Remove((stored.Resource, stored.Namespace, stored.Name)) && set.Count == 0)
            {
                _dependents.Remove(owner);
            }
        }
    }
}
