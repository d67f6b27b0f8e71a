using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Server;
using Dashboard.Sandbox.Kubernetes.Storage;

namespace Dashboard.Sandbox.Kubernetes.Persistence;

/// <summary>The cluster state file: one JSON document, written atomically (temp file + rename), owner-only (it holds secrets).</summary>
internal static class StateFile
{
    private const int FormatVersion = 1;

    /// <summary>Metadata the store indexes by; a parseable file with other types there is as damaged as a truncated one.</summary>
    private static readonly string[] s_stringMetadata = ["namespace", "uid", "resourceVersion"];

    public static void Write(string path, ClusterFlavour flavour, IReadOnlyList<StoredObject> objects, long resourceVersion)
    {
        SecretFiles.WriteAtomic(path, stream => WriteTo(stream, flavour, objects, resourceVersion), secret: true);
    }

    private static void WriteTo(Stream stream, ClusterFlavour flavour, IReadOnlyList<StoredObject> objects, long resourceVersion)
    {
        // Not disposed: that would close the file before it is synced and renamed.
        var buffered = new BufferedStream(stream, 64 * 1024);
        using (var writer = new Utf8JsonWriter(buffered, JsonText.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("formatVersion", FormatVersion);
            writer.WriteString("flavour", flavour.ToString());
            writer.WriteString("resourceVersion", resourceVersion.ToString(CultureInfo.InvariantCulture));
            writer.WriteStartArray("objects");
            foreach (var obj in objects)
            {
                writer.WriteStartObject();
                writer.WriteString("group", obj.Resource.Group);
                writer.WriteString("resource", obj.Resource.Resource);
                writer.WritePropertyName("object");
                writer.WriteRawValue(obj.Utf8, skipInputValidation: true);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffered.Flush();
    }

    /// <summary>Reads a state file; throws <see cref="InvalidDataException"/> naming the problem when it is damaged.</summary>
    public static (List<(GroupResource, JsonObject)> Objects, long ResourceVersion) Read(string path, ClusterFlavour flavour)
    {
        JsonObject root;
        try
        {
            root = JsonText.Parse(File.ReadAllBytes(path)) as JsonObject ?? throw new InvalidDataException("the state file is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("the state file is not valid JSON: " + e.Message, e);
        }

        if (root.Int("formatVersion") != FormatVersion)
        {
            throw new InvalidDataException($"the state file has format version {root.Int("formatVersion")}, expected {FormatVersion}");
        }

        if (root.Str("flavour") != flavour.ToString())
        {
            throw new InvalidDataException($"the state file is for the {root.Str("flavour")} flavour, not {flavour}");
        }

        if (!long.TryParse(root.Str("resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var resourceVersion) || root.Arr("objects") is not { } items)
        {
            throw new InvalidDataException("the state file lacks its resourceVersion or objects");
        }

        var objects = new List<(GroupResource, JsonObject)>(items.Count);
        foreach (var item in items)
        {
            if (item.Obj("object") is not { } obj || item.Str("resource") is not { } resource || obj.Str("metadata", "name") is null)
            {
                throw new InvalidDataException("the state file holds an entry without resource, object or name");
            }

            if (s_stringMetadata.FirstOrDefault(f => obj.At("metadata", f) is { } v && v.GetValueKind() != JsonValueKind.String) is { } wrong)
            {
                throw new InvalidDataException($"the state file's {resource} entry {obj.Str("metadata", "name")} has a metadata.{wrong} that is not a string");
            }

            objects.Add((new GroupResource(item.Str("group") ?? string.Empty, resource), (JsonObject)obj.DeepClone()));
        }

        return (objects, resourceVersion);
    }
}
