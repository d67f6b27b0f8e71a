using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Json;
using Microsoft.AspNetCore.Http;
using YamlDotNet.Core;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>Reads and decodes request bodies with the API server's limits and error texts.</summary>
internal static class RequestBody
{
    /// <summary>The API server's default maximum request body (3 MiB).</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    /// <summary>
    /// How much of an oversized body is still read (and discarded) before answering 413, so the client has finished
    /// sending and reads the answer instead of hitting a closed connection; Kestrel's own limit, beyond which it gives up.
    /// </summary>
    public const int DrainLimitBytes = 8 * MaxBytes;

    public static async Task<byte[]> ReadAsync(HttpContext http)
    {
        if (http.Request.ContentLength is { } length and <= MaxBytes)
        {
            // The common case (every KubernetesClient request): one exact buffer, no intermediate copies.
            var body = new byte[length];
            await http.Request.Body.ReadExactlyAsync(body, http.RequestAborted);
            return body;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        var tooLarge = false;
        int read;
        try
        {
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                tooLarge |= buffer.Length + read > MaxBytes;
                if (!tooLarge)
                {
                    buffer.Write(chunk, 0, read);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            tooLarge = true;
        }

        return tooLarge ? throw TooLarge() : buffer.ToArray();
    }

    private static ApiException TooLarge() => ApiException.TooLarge($"Request entity too large: limit is {MaxBytes}");

    /// <summary>Decodes an object body (JSON or YAML) for create/update; 400 with the decoder's message otherwise.</summary>
    public static JsonObject DecodeObject(byte[] body, string contentType, string kind)
    {
        JsonNode? node;
        try
        {
            node = contentType switch
            {
                "application/json" => JsonText.Parse(body),
                "application/yaml" => YamlToJson.ParseSingle(Encoding.UTF8.GetString(body)),
                ProtobufBody.MediaType => ProtobufBody.Decode(body),
                _ => throw ApiException.UnsupportedMediaType(contentType, ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf", "application/cbor"]),
            };
        }
        catch (JsonException e)
        {
            throw Unrecognized(kind, "couldn't get version/kind; json parse error: " + e.Message, body);
        }
        catch (YamlException e)
        {
            throw Unrecognized(kind, "error converting YAML to JSON: " + e.Message, body);
        }
        catch (ArgumentException e)
        {
            // System.Text.Json refuses duplicate member names; the real decoder reports them too (strict or not).
            throw Unrecognized(kind, e.Message, body);
        }

        return node as JsonObject
            ?? throw Unrecognized(kind, "couldn't get version/kind; json parse error: json: cannot unmarshal " + (node is JsonArray ? "array" : "string") + " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }", body);
    }

    private static ApiException Unrecognized(string kind, string detail, byte[] body)
    {
        var summary = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 30));
        if (body.Length > 30)
        {
            summary += " ...";
        }

        return ApiException.BadRequest($"the object provided is unrecognized (must be of type {kind}): {detail} ({summary})");
    }
}
