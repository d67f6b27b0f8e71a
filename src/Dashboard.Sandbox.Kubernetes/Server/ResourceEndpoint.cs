using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Cluster;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Registry;
using Dashboard.Sandbox.Kubernetes.Selectors;
using Dashboard.Sandbox.Kubernetes.Watch;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>Serves the verbs on resource paths: get, list, watch, create, update, patch, delete, deletecollection.</summary>
internal sealed class ResourceEndpoint(ClusterContext context, ApiOperations operations, PatchOperations patches, DeleteOperations deletes, RequestCounters counters)
{
    private readonly ListResponder _lists = new(context);
    private readonly WatchResponder _watches = new(context);
    private readonly ScaleSubresource _scale = new(context, operations);

    public async Task HandleAsync(HttpContext http, ApiRequest request)
    {
        var type = context.Registry.Find(request.Group, request.Version, request.Resource) ?? throw ApiException.ResourceNotFound();
        if (request.Namespace is not null && !type.Namespaced)
        {
            throw ApiException.ResourceNotFound();
        }

        if (request.Subresource is { } sub && !type.Subresources.Contains(sub))
        {
            throw ApiException.ResourceNotFound();
        }

        var query = new QueryOptions(http.Request.Query);
        var method = http.Request.Method;
        var verb = Verb(method, request, query);
        counters.Count(verb);
        if (!type.Verbs.Contains(verb) && request.Subresource is null)
        {
            throw ApiException.MethodNotAllowed();
        }

        if (type.Namespaced && request.Namespace is null && verb is not ("list" or "watch"))
        {
            throw ApiException.MethodNotAllowed();
        }

        var ns = type.Namespaced ? request.Namespace : null;
        var userAgent = http.Request.Headers.UserAgent.ToString();
        switch (verb)
        {
            case "get":
                await GetAsync(http, type, ns, request.Name!, request.Subresource);
                break;
            case "list":
            case "watch":
                var filter = new WatchFilter(ns, LabelSelector.Parse(query.Get("labelSelector")), FieldSelector.Parse(query.Get("fieldSelector"), type));
                var shape = MediaTypes.Negotiate(http.Request.Headers.Accept, allowTable: true);
                if (verb == "watch")
                {
                    await _watches.RespondAsync(http, type, filter, query, shape);
                }
                else
                {
                    await _lists.RespondAsync(http, type, filter, query, shape);
                }

                break;
            case "create" when type.Kind == "SelfSubjectAccessReview":
                await ResponseWriter.WriteJsonAsync(http, 201, AccessReview.Answer(await ReadObjectAsync(http, type)));
                break;
            case "create":
                var created = operations.Create(type, ns, await ReadObjectAsync(http, type), query.Write("CreateOptions", null, userAgent));
                await WriteResultAsync(http, 201, type, created);
                break;
            case "update" when request.Subresource == "scale":
                await _scale.UpdateAsync(http, type, ns, request.Name!, await ReadObjectAsync(http, type, "Scale"), query.Write("UpdateOptions", "scale", userAgent));
                break;
            case "update":
                var body = await ReadObjectAsync(http, type);
                var options = query.Write("UpdateOptions", request.Subresource, userAgent);
                var updated = request.Subresource == "finalize" ? Finalize(type, request.Name!, body, options) : operations.Update(type, ns, request.Name!, body, options);
                await WriteResultAsync(http, 200, type, updated);
                break;
            case "patch":
                await PatchAsync(http, type, ns, request, query, userAgent);
                break;
            case "delete":
                var deleted = deletes.Delete(type, ns, request.Name!, await DeleteRequestAsync(http, query));
                if (deleted.Deleted && !ReturnsDeletedObject(type))
                {
                    await ResponseWriter.WriteJsonAsync(http, 200, StatusObjects.Success(request.Name!, type.Group, type.Plural, deleted.Object.Str("metadata", "uid")));
                }
                else
                {
                    await WriteObjectAsync(http, 200, type, deleted.Object, null);
                }

                break;
            case "deletecollection":
                var collectionFilter = new WatchFilter(ns, LabelSelector.Parse(query.Get("labelSelector")), FieldSelector.Parse(query.Get("fieldSelector"), type));
                var matches = _lists.Select(type, collectionFilter, 0, null).Items;
                var removed = deletes.DeleteCollection(type, matches, await DeleteRequestAsync(http, query));
                await ResponseWriter.WriteJsonAsync(http, 200, new JsonObject
                {
                    ["kind"] = type.ListKind,
                    ["apiVersion"] = type.ApiVersion,
                    ["metadata"] = new JsonObject(),
                    ["items"] = new JsonArray(removed.Select(r => (JsonNode)r.DeepClone()).ToArray()),
                });
                break;
            default:
                throw ApiException.MethodNotAllowed();
        }
    }

    private static string Verb(string method, ApiRequest request, QueryOptions query) => method switch
    {
        "GET" when request.Name is not null && !request.WatchPath => "get",
        "GET" => request.WatchPath || query.Flag("watch") ? "watch" : "list",
        "POST" when request.Name is null => "create",
        "PUT" when request.Name is not null => "update",
        "PATCH" when request.Name is not null => "patch",
        "DELETE" when request.Name is null => "deletecollection",
        "DELETE" => "delete",
        _ => "unsupported",
    };

    /// <summary>Pods, custom resources and CRDs answer a delete with the object; other kinds with a Status.</summary>
    private static bool ReturnsDeletedObject(ResourceType type) =>
        type.Custom is not null || type.Kind is "Pod" or "Service" or "CustomResourceDefinition";

    private async Task GetAsync(HttpContext http, ResourceType type, string? ns, string name, string? subresource)
    {
        var shape = MediaTypes.Negotiate(http.Request.Headers.Accept, allowTable: true);
        var stored = context.Store.Get(type.GroupResource, ns ?? string.Empty, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
        if (subresource == "scale")
        {
            await ResponseWriter.WriteJsonAsync(http, 200, ScaleSubresource.ToScale(stored.Object));
            return;
        }

        switch (shape)
        {
            case ResponseShape.Table:
                var table = Tables.TableWriter.Build(type, [ObjectViews.AtVersion(stored.Object, type)], new QueryOptions(http.Request.Query).Get("includeObject") ?? "Metadata",
                    context.Time.GetUtcNow(), stored.Object.Str("metadata", "resourceVersion") ?? "0", null, null);
                await ResponseWriter.WriteJsonAsync(http, 200, table);
                break;
            case ResponseShape.PartialObjectMetadata:
                await ResponseWriter.WriteJsonAsync(http, 200, Tables.TableWriter.PartialMetadata(stored.Object));
                break;
            default:
                await ResponseWriter.WriteBytesAsync(http, 200, ObjectViews.Utf8AtVersion(stored, type));
                break;
        }
    }

    private async Task PatchAsync(HttpContext http, ResourceType type, string? ns, ApiRequest request, QueryOptions query, string userAgent)
    {
        var contentType = MediaTypes.BodyType(http.Request.ContentType);
        var options = query.Write("PatchOptions", request.Subresource, userAgent);
        if (contentType == PatchOperations.ApplyPatchType)
        {
            options = options with { FieldManager = query.Get("fieldManager") };
        }

        var body = await RequestBody.ReadAsync(http);
        if (request.Subresource == "scale")
        {
            await _scale.PatchAsync(http, type, ns, request.Name!, contentType, body, options);
            return;
        }

        var result = patches.Patch(type, ns, request.Name!, contentType, body, options);
        await WriteResultAsync(http, result.Created ? 201 : 200, type, result);
    }

    private WriteResult Finalize(ResourceType type, string name, JsonObject body, WriteOptions options)
    {
        var existing = context.Store.Get(type.GroupResource, string.Empty, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
        var updated = existing.Clone();
        updated["spec"] = body["spec"]?.DeepClone();
        updated.Metadata()["resourceVersion"] = body.Str("metadata", "resourceVersion") ?? existing.Object.Str("metadata", "resourceVersion");
        return operations.Update(type, null, name, updated, options with { System = true });
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext http, ResourceType type, string? kind = null)
    {
        var bytes = await RequestBody.ReadAsync(http);
        return RequestBody.DecodeObject(bytes, MediaTypes.BodyType(http.Request.ContentType), kind ?? type.Kind);
    }

    private static async Task<DeleteRequest> DeleteRequestAsync(HttpContext http, QueryOptions query)
    {
        var bytes = await RequestBody.ReadAsync(http);
        JsonObject? body = null;
        if (bytes.Length > 0)
        {
            try
            {
                body = JsonText.Parse(bytes) as JsonObject;
            }
            catch (JsonException e)
            {
                throw ApiException.BadRequest(e.Message);
            }
        }

        var dryRun = query.Get("dryRun") ?? body?["dryRun"]?.AsArray().FirstOrDefault()?.GetValue<string>();
        if (dryRun is not null and not "All")
        {
            throw ApiException.Invalid("meta.k8s.io", "DeleteOptions", string.Empty, [StatusCause.NotSupported("dryRun", dryRun, ["All"])]);
        }

        var propagation = query.Get("propagationPolicy") ?? body.Str("propagationPolicy");
        if (body.Bool("orphanDependents") == true)
        {
            propagation ??= "Orphan";
        }

        if (propagation is not null and not ("Orphan" or "Background" or "Foreground"))
        {
            throw ApiException.Invalid("meta.k8s.io", "DeleteOptions", string.Empty, [StatusCause.NotSupported("propagationPolicy", propagation, ["Background", "Foreground", "Orphan"])]);
        }

        return new DeleteRequest
        {
            DryRun = dryRun == "All",
            GracePeriodSeconds = query.Long("gracePeriodSeconds") ?? body.Int("gracePeriodSeconds"),
            PropagationPolicy = propagation,
            PreconditionUid = body.Str("preconditions", "uid"),
            PreconditionResourceVersion = body.Str("preconditions", "resourceVersion"),
        };
    }

    /// <summary>Writes a write's result, reusing the stored object's serialized form when there is one.</summary>
    private static Task WriteResultAsync(HttpContext http, int status, ResourceType type, WriteResult result) =>
        result.Stored is { } stored && result.IsStored
            ? ResponseWriter.WriteBytesAsync(http, status, ObjectViews.Utf8AtVersion(stored, type), result.Warnings)
            : ResponseWriter.WriteJsonAsync(http, status, ObjectViews.AtVersion(result.Object, type), result.Warnings);

    private static Task WriteObjectAsync(HttpContext http, int status, ResourceType type, JsonObject obj, IReadOnlyList<string>? warnings) =>
        ResponseWriter.WriteJsonAsync(http, status, ObjectViews.AtVersion(obj, type), warnings);
}
