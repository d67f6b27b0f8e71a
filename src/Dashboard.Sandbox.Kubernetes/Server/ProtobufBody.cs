using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>
/// Decodes <c>application/vnd.kubernetes.protobuf</c> request bodies (the "k8s\0" envelope around a runtime.Unknown)
/// for the kinds kubectl's imperative commands send that way (<c>create namespace|secret|configmap|serviceaccount</c>),
/// using the field numbers of k8s.io/api/core/v1/generated.proto. Other kinds get 415, as from a server without
/// protobuf support for them.
/// </summary>
internal static class ProtobufBody
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] s_magic = [0x6b, 0x38, 0x73, 0x00];

    public static JsonObject Decode(byte[] body)
    {
        if (body.Length < 4 || !body.AsSpan(0, 4).SequenceEqual(s_magic))
        {
            throw ApiException.BadRequest("provided object is not a protobuf message: missing the \"k8s\\x00\" prefix");
        }

        string? apiVersion = null, kind = null;
        ReadOnlyMemory<byte> raw = default;
        foreach (var (field, value) in Fields(body.AsMemory(4)))
        {
            switch (field)
            {
                case 1:
                    foreach (var (typeField, typeValue) in Fields(value))
                    {
                        if (typeField == 1)
                        {
                            apiVersion = Text(typeValue);
                        }
                        else if (typeField == 2)
                        {
                            kind = Text(typeValue);
                        }
                    }

                    break;
                case 2:
                    raw = value;
                    break;
            }
        }

        var obj = kind switch
        {
            "Secret" => Message(raw, (1, "metadata", ObjectMeta), (2, "data", BytesMap), (3, "type", String), (4, "stringData", StringMap), (5, "immutable", Bool)),
            "ConfigMap" => Message(raw, (1, "metadata", ObjectMeta), (2, "data", StringMap), (3, "binaryData", BytesMap), (4, "immutable", Bool)),
            "Namespace" => Message(raw, (1, "metadata", ObjectMeta), (2, "spec", v => Message(v, (1, "finalizers", StringList)))),
            "ServiceAccount" => Message(raw, (1, "metadata", ObjectMeta), (3, "imagePullSecrets", v => Message(v, (1, "name", String))), (4, "automountServiceAccountToken", Bool)),
            _ => throw ApiException.UnsupportedMediaType(MediaType, ["application/json", "application/yaml"]),
        };
        obj["apiVersion"] = apiVersion;
        obj["kind"] = kind;
        return obj;
    }

    private delegate JsonNode? Decoder(ReadOnlyMemory<byte> value);

    private static JsonObject Message(ReadOnlyMemory<byte> bytes, params (int Field, string Name, Decoder Decode)[] schema)
    {
        var obj = new JsonObject();
        foreach (var (field, value) in Fields(bytes))
        {
            var entry = schema.FirstOrDefault(s => s.Field == field);
            if (entry.Name is null)
            {
                continue;
            }

            var decoded = entry.Decode(value);
            if (decoded is JsonValue text && text.GetValueKind() == System.Text.Json.JsonValueKind.String && text.GetValue<string>().Length == 0)
            {
                // Go's generated marshallers write empty strings; they mean "unset".
                continue;
            }

            if (obj[entry.Name] is JsonArray list && decoded is JsonArray more)
            {
                foreach (var item in more.ToList())
                {
                    more.Remove(item);
                    list.Add(item);
                }
            }
            else if (obj[entry.Name] is JsonObject map && decoded is JsonObject entries && entry.Name is not "metadata")
            {
                foreach (var (key, item) in entries.ToList())
                {
                    entries.Remove(key);
                    map[key] = item;
                }
            }
            else if (decoded is JsonObject single && IsRepeatedMessage(entry.Name))
            {
                obj[entry.Name] = new JsonArray(single);
            }
            else if (obj[entry.Name] is JsonArray messages && decoded is JsonObject next && IsRepeatedMessage(entry.Name))
            {
                messages.Add(next);
            }
            else
            {
                obj[entry.Name] = decoded;
            }
        }

        return obj;
    }

    private static bool IsRepeatedMessage(string name) => name is "imagePullSecrets" or "ownerReferences";

    private static JsonObject ObjectMeta(ReadOnlyMemory<byte> value) => Message(value,
        (1, "name", String), (2, "generateName", String), (3, "namespace", String), (11, "labels", StringMap), (12, "annotations", StringMap), (14, "finalizers", StringList));

    private static JsonNode? String(ReadOnlyMemory<byte> value) => Text(value);

    private static JsonNode? Bool(ReadOnlyMemory<byte> value) => value.Length > 0 && value.Span[0] != 0;

    private static JsonArray StringList(ReadOnlyMemory<byte> value) => new JsonArray(Text(value));

    private static JsonObject StringMap(ReadOnlyMemory<byte> value) => MapEntry(value, v => Text(v));

    private static JsonObject BytesMap(ReadOnlyMemory<byte> value) => MapEntry(value, v => Convert.ToBase64String(v.Span));

    private static JsonObject MapEntry(ReadOnlyMemory<byte> entry, Func<ReadOnlyMemory<byte>, string> valueOf)
    {
        string key = string.Empty, value = string.Empty;
        foreach (var (field, bytes) in Fields(entry))
        {
            if (field == 1)
            {
                key = Text(bytes);
            }
            else if (field == 2)
            {
                value = valueOf(bytes);
            }
        }

        return new JsonObject { [key] = value };
    }

    private static string Text(ReadOnlyMemory<byte> value) => Encoding.UTF8.GetString(value.Span);

    /// <summary>The fields of a protobuf message; varints are returned as their minimal little-endian bytes.</summary>
    private static List<(int Field, ReadOnlyMemory<byte> Value)> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<(int, ReadOnlyMemory<byte>)>();
        var span = message.Span;
        var position = 0;
        while (position < span.Length)
        {
            var tag = ReadVarint(span, ref position);
            var field = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    var start = position;
                    var number = ReadVarint(span, ref position);
                    fields.Add((field, number == 0 ? new byte[] { 0 } : message.Slice(start, position - start)));
                    break;
                case 1:
                    fields.Add((field, message.Slice(position, 8)));
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(span, ref position);
                    if (length < 0 || position + length > span.Length)
                    {
                        throw ApiException.BadRequest("protobuf: truncated message");
                    }

                    fields.Add((field, message.Slice(position, length)));
                    position += length;
                    break;
                case 5:
                    fields.Add((field, message.Slice(position, 4)));
                    position += 4;
                    break;
                default:
                    throw ApiException.BadRequest($"protobuf: unsupported wire type {tag & 7}");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= span.Length)
            {
                throw ApiException.BadRequest("protobuf: truncated varint");
            }

            var b = span[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw ApiException.BadRequest("protobuf: varint overflow");
    }
}
