using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Cluster;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Storage;
using Dashboard.Sandbox.Kubernetes.Tables;
using Dashboard.Sandbox.Kubernetes.Watch;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>
/// Streams a watch as newline-delimited JSON events, flushing as soon as no more events are queued, with
/// BOOKMARKs on request and an ERROR event carrying 410 Expired for a resourceVersion that is too old.
/// </summary>
internal sealed class WatchResponder(ClusterContext context)
{
    /// <summary>Wall-clock pacing of network flushes under load (transport behaviour, not simulated time).</summary>
    private static readonly TimeSpan s_coalescingWindow = TimeSpan.FromMilliseconds(5);

    private static readonly byte[] s_lineEnd = "}\n"u8.ToArray();
    private static readonly byte[] s_added = "{\"type\":\"ADDED\",\"object\":"u8.ToArray();
    private static readonly byte[] s_modified = "{\"type\":\"MODIFIED\",\"object\":"u8.ToArray();
    private static readonly byte[] s_deleted = "{\"type\":\"DELETED\",\"object\":"u8.ToArray();

    public async Task RespondAsync(HttpContext http, ResourceType type, WatchFilter filter, QueryOptions query, ResponseShape shape)
    {
        var rvText = query.Get("resourceVersion");
        long? from = null;
        if (!string.IsNullOrEmpty(rvText) && rvText != "0")
        {
            from = long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw ApiException.BadRequest($"invalid resource version: strconv.ParseUint: parsing \"{rvText}\": invalid syntax");
        }

        var bookmarks = query.Flag("allowWatchBookmarks");
        var initialEvents = query.Flag("sendInitialEvents");
        if (initialEvents && (!bookmarks || query.Get("resourceVersionMatch") != "NotOlderThan"))
        {
            throw ApiException.Invalid("meta.k8s.io", "ListOptions", string.Empty,
                [StatusCause.Forbidden("sendInitialEvents", "sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan and allowWatchBookmarks is set to true")]);
        }

        var timeout = TimeSpan.FromSeconds(query.Long("timeoutSeconds") ?? 1800);
        http.Response.StatusCode = 200;
        http.Response.ContentType = MediaTypes.Json;
        ResponseWriter.CommonHeaders(http.Response, null);
        WatchSubscription subscription;
        try
        {
            subscription = context.Watches.Subscribe(type.GroupResource, filter, initialEvents ? null : from);
        }
        catch (ApiException expired) when (expired.Code == 410)
        {
            await WriteLineAsync(http, "ERROR", JsonText.ToUtf8(expired.ToStatus()));
            await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
            return;
        }

        using (subscription)
        {
            await http.Response.StartAsync(http.RequestAborted);
            await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
            using var deadline = new CancellationTokenSource(timeout, context.Time);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, deadline.Token);
            var initialPending = initialEvents;
            try
            {
                await PumpAsync(http, type, subscription, shape, query.Get("includeObject") ?? "Metadata", bookmarks, initialPending, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Client went away or the watch timed out: the response simply ends, as the real server's does.
            }
        }
    }

    private async Task PumpAsync(HttpContext http, ResourceType type, WatchSubscription subscription, ResponseShape shape, string includeObject, bool bookmarks, bool initialPending, CancellationToken stop)
    {
        var reader = subscription.Reader;
        var lastFlush = 0L;
        while (!stop.IsCancellationRequested)
        {
            if (initialPending && !reader.TryPeek(out _))
            {
                await WriteBookmarkAsync(http, type, subscription.Progress, initialEventsEnd: true);
                initialPending = false;
                await http.Response.BodyWriter.FlushAsync(stop);
            }

            bool available;
            if (bookmarks)
            {
                using var interval = new CancellationTokenSource(context.Options.BookmarkInterval, context.Time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop, interval.Token);
                try
                {
                    available = await reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    var progress = subscription.Progress;
                    if (!reader.TryPeek(out _))
                    {
                        await WriteBookmarkAsync(http, type, progress, initialEventsEnd: false);
                        await http.Response.BodyWriter.FlushAsync(stop);
                    }

                    continue;
                }
            }
            else
            {
                available = await reader.WaitToReadAsync(stop);
            }

            if (!available)
            {
                return;
            }

            Drain(http, reader, type, shape, includeObject, initialPending);
            if (!initialPending && Stopwatch.GetElapsedTime(lastFlush) < s_coalescingWindow)
            {
                // Events arrive faster than one per window: gather the following ones into the same flush (one TLS
                // record, one syscall) instead of flushing each. An isolated event is still flushed at once.
                await Task.Delay(s_coalescingWindow, TimeProvider.System, stop);
                Drain(http, reader, type, shape, includeObject, initialPending);
            }

            await http.Response.BodyWriter.FlushAsync(stop);
            lastFlush = Stopwatch.GetTimestamp();
        }
    }

    private void Drain(HttpContext http, ChannelReader<WatchItem> reader, ResourceType type, ResponseShape shape, string includeObject, bool initialPending)
    {
        while (reader.TryRead(out var item))
        {
            WriteEvent(http, item.Kind, Render(item.Object, type, shape, includeObject));
            if (initialPending && !reader.TryPeek(out _))
            {
                break;
            }
        }
    }

    private byte[] Render(StoredObject obj, ResourceType type, ResponseShape shape, string includeObject) => shape switch
    {
        ResponseShape.Table => JsonText.ToUtf8(TableWriter.Build(type, [ObjectViews.AtVersion(obj.Object, type)], includeObject, context.Time.GetUtcNow(), obj.ResourceVersion.ToString(CultureInfo.InvariantCulture), null, null)),
        ResponseShape.PartialObjectMetadata => JsonText.ToUtf8(TableWriter.PartialMetadata(obj.Object)),
        _ => ObjectViews.Utf8AtVersion(obj, type),
    };

    private static Task WriteBookmarkAsync(HttpContext http, ResourceType type, long resourceVersion, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture), ["creationTimestamp"] = null };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        var body = new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = metadata };
        return WriteLineAsync(http, "BOOKMARK", JsonText.ToUtf8(body));
    }

    private static Task WriteLineAsync(HttpContext http, string eventType, byte[] objectJson)
    {
        var writer = http.Response.BodyWriter;
        writer.Write(System.Text.Encoding.UTF8.GetBytes("{\"type\":\"" + eventType + "\",\"object\":"));
        writer.Write(objectJson);
        writer.Write(s_lineEnd);
        return Task.CompletedTask;
    }

    private static void WriteEvent(HttpContext http, WatchEventKind kind, byte[] objectJson)
    {
        var writer = http.Response.BodyWriter;
        writer.Write(kind switch
        {
            WatchEventKind.Added => s_added,
            WatchEventKind.Modified => s_modified,
            _ => s_deleted,
        });
        writer.Write(objectJson);
        writer.Write(s_lineEnd);
    }
}
