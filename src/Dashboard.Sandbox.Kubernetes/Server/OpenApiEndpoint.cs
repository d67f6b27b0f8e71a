using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Cluster;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>
/// <c>/openapi/v3</c> (the official documents for the built-in groups, generated ones for CRD groups) and
/// <c>/openapi/v2</c> (JSON converted from the same schemas; an empty protobuf document for protobuf clients).
/// </summary>
internal sealed class OpenApiEndpoint(ClusterContext context)
{
    private const string ProtobufV2 = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
    private byte[]? _v2Json;

    public async Task<bool> TryHandleAsync(HttpContext http, string path)
    {
        if (path == "/openapi/v3")
        {
            var paths = new JsonObject();
            foreach (var key in Documents().Keys.Order(StringComparer.Ordinal))
            {
                paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(key)}" };
            }

            await ResponseWriter.WriteJsonAsync(http, 200, new JsonObject { ["paths"] = paths });
            return true;
        }

        if (path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            var key = path["/openapi/v3/".Length..];
            if (!Documents().TryGetValue(key, out var document))
            {
                return false;
            }

            await ResponseWriter.WriteBytesAsync(http, 200, document());
            return true;
        }

        if (path == "/openapi/v2")
        {
            var accept = http.Request.Headers.Accept.ToString();
            if (accept.Contains("protobuf", StringComparison.Ordinal) && !accept.Contains("application/json", StringComparison.Ordinal))
            {
                // Protobuf clients (kubectl's client-side validation) get a valid, empty document: they then skip
                // client-side schema checks and the server validates, as with a server that publishes no schemas.
                await ResponseWriter.WriteBytesAsync(http, 200, [], contentType: ProtobufV2);
                return true;
            }

            await ResponseWriter.WriteBytesAsync(http, 200, _v2Json ??= BuildV2());
            return true;
        }

        return false;
    }

    private Dictionary<string, Func<byte[]>> Documents()
    {
        var documents = new Dictionary<string, Func<byte[]>>(StringComparer.Ordinal);
        foreach (var (key, bytes) in context.Schemas.Documents)
        {
            documents[key] = () => bytes;
        }

        var crdType = context.Registry.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;
        documents["apis/apiextensions.k8s.io/v1"] = () => JsonText.ToUtf8(Generated([crdType]));
        foreach (var group in context.Registry.All.Where(t => t.Custom is not null).GroupBy(t => $"apis/{t.Group}/{t.Version}"))
        {
            var types = group.ToList();
            documents[group.Key] = () => JsonText.ToUtf8(Generated(types));
        }

        return documents;
    }

    /// <summary>A minimal v3 document for types without an official one: their schemas and PATCH operations with their parameters.</summary>
    private static JsonObject Generated(IReadOnlyList<ResourceType> types)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var type in types)
        {
            var gvk = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind };
            var schemaName = $"{string.Join('.', type.Group.Split('.').Reverse())}.{type.Version}.{type.Kind}";
            var schema = type.Custom?.Schema?.DeepClone() as JsonObject ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
            schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
            schemas[schemaName] = schema;
            var prefix = type.Namespaced ? $"/apis/{type.Group}/{type.Version}/namespaces/{{namespace}}/{type.Plural}" : $"/apis/{type.Group}/{type.Version}/{type.Plural}";
            paths[prefix + "/{name}"] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{type.Kind}",
                    ["parameters"] = new JsonArray(
                        Parameter("dryRun"), Parameter("fieldManager"), Parameter("fieldValidation"), Parameter("force", "boolean")),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = gvk,
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.35.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject Parameter(string name, string type = "string") => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private byte[] BuildV2()
    {
        var definitions = new JsonObject();
        foreach (var bytes in context.Schemas.Documents.Values)
        {
            var text = Encoding.UTF8.GetString(bytes).Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
            foreach (var (name, schema) in JsonText.Parse(Encoding.UTF8.GetBytes(text)).Obj("components", "schemas") ?? [])
            {
                if (!definitions.ContainsKey(name))
                {
                    definitions[name] = schema?.DeepClone();
                }
            }
        }

        return JsonText.ToUtf8(new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.35.0" },
            ["paths"] = new JsonObject(),
            ["definitions"] = definitions,
        });
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
}
