namespace Dashboard.Sandbox.Kubernetes.Storage;

/// <summary>The objects of one resource: per namespace a name index plus a sorted name set for ordered, resumable lists.</summary>
internal sealed class ResourceBucket
{
    private readonly SortedDictionary<string, NamespaceBucket> _namespaces = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public StoredObject? Get(string ns, string name) =>
        _namespaces.TryGetValue(ns, out var bucket) && bucket.Objects.TryGetValue(name, out var obj) ? obj : null;

    public bool HasNamespace(string ns) => _namespaces.ContainsKey(ns);

    public StoredObject? Set(StoredObject stored)
    {
        if (!_namespaces.TryGetValue(stored.Namespace, out var bucket))
        {
            bucket = new NamespaceBucket();
            _namespaces[stored.Namespace] = bucket;
        }

        bucket.Objects.TryGetValue(stored.Name, out var previous);
        bucket.Objects[stored.Name] = stored;
        if (previous is null)
        {
            bucket.Names.Add(stored.Name);
            Count++;
        }

        return previous;
    }

    public StoredObject? Remove(string ns, string name)
    {
        if (!_namespaces.TryGetValue(ns, out var bucket) || !bucket.Objects.Remove(name, out var previous))
        {
            return null;
        }

        bucket.Names.Remove(name);
        Count--;
        if (bucket.Objects.Count == 0)
        {
            _namespaces.Remove(ns);
        }

        return previous;
    }

    /// <summary>Objects in (namespace, name) order; <paramref name="afterKey"/> is "namespace/name" or "name" for cluster scope.</summary>
    public List<StoredObject> List(string? ns, string? afterKey) => Scan(ns, afterKey, _ => true, int.MaxValue).Items;

    /// <summary>
    /// Up to <paramref name="max"/> matching objects in key order after <paramref name="afterKey"/>, plus how many
    /// objects (matching or not) follow the last one returned, so a page costs its size rather than the collection's.
    /// </summary>
    public (List<StoredObject> Items, int Following) Scan(string? ns, string? afterKey, Func<StoredObject, bool> match, int max)
    {
        var (afterNs, afterName) = SplitKey(afterKey);
        var result = new List<StoredObject>();
        var following = 0;
        IEnumerable<KeyValuePair<string, NamespaceBucket>> buckets = ns is null
            ? _namespaces
            : _namespaces.TryGetValue(ns, out var only) ? [new(ns, only)] : [];
        foreach (var (bucketNs, bucket) in buckets)
        {
            var cmp = afterKey is null ? 1 : string.CompareOrdinal(bucketNs, afterNs);
            if (cmp < 0)
            {
                continue;
            }

            IEnumerable<string> names = cmp == 0 && bucket.Names.Count > 0 && string.CompareOrdinal(afterName, bucket.Names.Max) < 0
                ? bucket.Names.GetViewBetween(afterName, bucket.Names.Max!).Where(n => n != afterName)
                : cmp == 0 ? [] : bucket.Names;
            foreach (var name in names)
            {
                if (result.Count >= max)
                {
                    following++;
                    continue;
                }

                var candidate = bucket.Objects[name];
                if (match(candidate))
                {
                    result.Add(candidate);
                }
            }
        }

        return (result, following);
    }

    private static (string Namespace, string Name) SplitKey(string? key)
    {
        if (key is null)
        {
            return (string.Empty, string.Empty);
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (string.Empty, key) : (key[..slash], key[(slash + 1)..]);
    }

    private sealed class NamespaceBucket
    {
        public Dictionary<string, StoredObject> Objects { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Names { get; } = new(StringComparer.Ordinal);
    }
}
