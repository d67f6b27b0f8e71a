using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Storage;

namespace Dashboard.Sandbox.Kubernetes.Cluster;

/// <summary>Presents stored objects at the version a request asked for (custom resources are stored once, at the storage version).</summary>
internal static class ObjectViews
{
    public static bool NeedsConversion(ResourceType type) => type.Version != type.StorageVersion;

    public static JsonObject AtVersion(JsonObject stored, ResourceType type)
    {
        if (!NeedsConversion(type))
        {
            return stored;
        }

        var copy = (JsonObject)stored.DeepClone();
        copy["apiVersion"] = type.ApiVersion;
        return copy;
    }

    /// <summary>The serialized object at the requested version, reusing the stored bytes when no conversion is needed.</summary>
    public static byte[] Utf8AtVersion(StoredObject stored, ResourceType type) =>
        NeedsConversion(type) ? JsonText.ToUtf8(AtVersion(stored.Object, type)) : stored.Utf8;
}
