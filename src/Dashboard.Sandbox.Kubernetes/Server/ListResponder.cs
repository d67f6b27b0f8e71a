using System.Globalization;
using System.Text.Json;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Cluster;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Storage;
using Dashboard.Sandbox.Kubernetes.Tables;
using Dashboard.Sandbox.Kubernetes.Watch;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>GET on a collection: selectors, limit/continue pagination, and JSON, Table or metadata-only output.</summary>
internal sealed class ListResponder(ClusterContext context)
{
    public async Task RespondAsync(HttpContext http, ResourceType type, WatchFilter filter, QueryOptions query, ResponseShape shape)
    {
        var limit = query.Long("limit") ?? 0;
        var continueToken = query.Get("continue");
        if (continueToken is not null && !string.IsNullOrEmpty(query.Get("resourceVersion")) && query.Get("resourceVersion") != "0")
        {
            throw ApiException.BadRequest("specifying resource version is not allowed when using continue");
        }

        var (items, listVersion, next, remaining) = Select(type, filter, limit, continueToken);
        if (shape == ResponseShape.Table)
        {
            var table = TableWriter.Build(type, items.Select(i => ObjectViews.AtVersion(i.Object, type)), query.Get("includeObject") ?? "Metadata",
                context.Time.GetUtcNow(), listVersion, next, remaining);
            await ResponseWriter.WriteJsonAsync(http, 200, table);
            return;
        }

        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonText.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", shape == ResponseShape.PartialObjectMetadata ? "PartialObjectMetadataList" : type.ListKind);
            writer.WriteString("apiVersion", shape == ResponseShape.PartialObjectMetadata ? "meta.k8s.io/v1" : type.ApiVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", listVersion);
            if (next is not null)
            {
                writer.WriteString("continue", next);
            }

            if (remaining is not null)
            {
                writer.WriteNumber("remainingItemCount", remaining.Value);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in items)
            {
                writer.WriteRawValue(shape == ResponseShape.PartialObjectMetadata
                    ? JsonText.ToUtf8(TableWriter.PartialMetadata(item.Object))
                    : ObjectViews.Utf8AtVersion(item, type), skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        await ResponseWriter.WriteBytesAsync(http, 200, buffer.ToArray());
    }

    /// <summary>The matching objects of one page, the list's resourceVersion, the next continue token and the remaining count.</summary>
    public (List<StoredObject> Items, string ListVersion, string? Next, long? Remaining) Select(ResourceType type, WatchFilter filter, long limit, string? continueToken)
    {
        string? afterKey = null;
        long listRv;
        List<StoredObject> items;
        var following = 0;
        var max = limit > 0 ? (int)Math.Min(limit, int.MaxValue - 1) + 1 : int.MaxValue;
        lock (context.Store.Gate)
        {
            listRv = context.Store.ResourceVersion;
            if (continueToken is not null)
            {
                (listRv, afterKey) = ContinueToken.Decode(continueToken);
            }

            if (filter.Fields.PinnedName is { } pinned && filter.Namespace is not null)
            {
                var single = context.Store.Get(type.GroupResource, filter.Namespace, pinned);
                items = single is not null && filter.Matches(single) ? [single] : [];
            }
            else
            {
                // One more than the page tells whether another page follows.
                (items, following) = context.Store.Scan(type.GroupResource, filter.Namespace, afterKey, filter.Matches, max);
            }
        }

        string? next = null;
        long? remaining = null;
        if (limit > 0 && items.Count > limit)
        {
            items.RemoveAt(items.Count - 1);
            next = ContinueToken.Encode(listRv, items[^1].Key);
            remaining = filter.Labels.IsEverything && filter.Fields.IsEverything ? following + 1 : null;
        }

        return (items, listRv.ToString(CultureInfo.InvariantCulture), next, remaining);
    }
}
