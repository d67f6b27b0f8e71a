using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Storage;

/// <summary>An immutable stored object: its JSON (at the storage version) and the index data derived from it.</summary>
/// <remarks>
/// Nobody mutates <see cref="Object"/> once stored; writers build a new tree and store that. The serialized form is
/// what is kept: a fully built tree is parsed on demand and held weakly, so thousands of objects nobody reads cost
/// their bytes, not a JSON DOM each.
/// </remarks>
internal sealed class StoredObject
{
    private readonly byte[] _utf8;
    private readonly WeakReference<JsonObject> _tree;

    public StoredObject(GroupResource resource, JsonObject obj, long resourceVersion)
    {
        Resource = resource;
        obj.Metadata()["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
        _utf8 = JsonText.ToUtf8(obj);

        // The caller's tree is not kept: it may be partly unbuilt (parsed lazily) and readers share what is kept.
        _tree = new WeakReference<JsonObject>(null!);
        ResourceVersion = resourceVersion;
        IsDeleting = obj.Str("metadata", "deletionTimestamp") is not null;
        Namespace = obj.Str("metadata", "namespace") ?? string.Empty;
        Name = obj.Str("metadata", "name") ?? string.Empty;
        Uid = obj.Str("metadata", "uid") ?? string.Empty;
        Labels = obj.StringMap("metadata", "labels");
        OwnerUids = obj.Arr("metadata", "ownerReferences").Objects().Select(o => o.Str("uid")).OfType<string>().ToArray();
    }

    public GroupResource Resource { get; }

    /// <summary>The object as a JSON tree (shared: never change it; use <see cref="Clone"/> to edit).</summary>
    public JsonObject Object
    {
        get
        {
            if (_tree.TryGetTarget(out var tree))
            {
                return tree;
            }

            tree = (JsonObject)JsonText.ParseShared(_utf8)!;
            _tree.SetTarget(tree);
            return tree;
        }
    }

    public long ResourceVersion { get; }

    public string Namespace { get; }

    public string Name { get; }

    public string Uid { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public IReadOnlyList<string> OwnerUids { get; }

    public bool IsDeleting { get; }

    /// <summary>The serialized object.</summary>
    public byte[] Utf8 => _utf8;

    /// <summary>A deep copy callers may change.</summary>
    public JsonObject Clone() => (JsonObject)JsonText.Parse(_utf8)!;

    public string Key => Namespace.Length == 0 ? Name : Namespace + "/" + Name;
}

/// <summary>A committed change, in resourceVersion order.</summary>
internal sealed record StoreChange(WatchEventKind Kind, StoredObject Object, StoredObject? Previous)
{
    public long ResourceVersion => Object.ResourceVersion;
}

/// <summary>Watch event types as they appear on the wire.</summary>
internal enum WatchEventKind
{
    Added,
    Modified,
    Deleted,
}
