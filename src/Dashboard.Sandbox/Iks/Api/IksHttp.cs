using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Iks.Catalog;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.Iks.Api;

/// <summary>The request plumbing every IKS endpoint shares: counting, injected latency and faults, bearer authentication, JSON in and out.</summary>
internal sealed class IksHttp(IksApiContext context)
{
    private const int MaxBodyBytes = 1024 * 1024;
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Wraps an IKS handler: count, delay, maybe fail, authenticate, then run it.</summary>
    public RequestDelegate Iks(string endpoint, Func<HttpContext, IksIdentity, Task> handler) => async http =>
    {
        if (await BeforeAsync(http, endpoint))
        {
            return;
        }

        var identity = Authenticate(http);
        if (identity is null)
        {
            await WriteErrorAsync(http, IksErrorCatalog.InvalidToken());
            return;
        }

        await handler(http, identity);
    };

    /// <summary>Counts the request, applies the extra latency and answers an injected fault; true when the request is answered.</summary>
    public async Task<bool> BeforeAsync(HttpContext http, string endpoint)
    {
        context.Counters.Count(endpoint);
        var latency = context.Faults.Current.ExtraLatency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.Time, http.RequestAborted);
        }

        if (context.Faults.Roll(endpoint) is { } fault)
        {
            await WriteErrorAsync(http, fault);
            return true;
        }

        return false;
    }

    /// <summary>The cluster a request names, provided the caller may do <paramref name="action"/> with <paramref name="role"/>.</summary>
    public (IksCluster? Cluster, IksApiError? Error) Authorize(IksIdentity identity, string? clusterIdOrName, IksRole role, string action)
    {
        if (string.IsNullOrWhiteSpace(clusterIdOrName))
        {
            return (null, IksErrorCatalog.MissingField("cluster"));
        }

        var cluster = context.Catalog.FindCluster(identity.AccountId, clusterIdOrName);
        return cluster is null ? (null, IksErrorCatalog.ClusterNotFound())
            : identity.Role < role ? (null, IksErrorCatalog.Forbidden(action, role.ToString(), cluster.Name))
            : (cluster, null);
    }

    public static async Task<(JsonObject? Body, IksApiError? Error)> ReadObjectAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length is 0 or > MaxBodyBytes)
        {
            return (null, buffer.Length == 0 ? IksErrorCatalog.MalformedJson() with { Description = "The request body is empty. Send a JSON object." } : IksErrorCatalog.MalformedJson());
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray()) is JsonObject body ? (body, null) : (null, IksErrorCatalog.MalformedJson());
        }
        catch (JsonException)
        {
            return (null, IksErrorCatalog.MalformedJson());
        }
    }

    /// <summary>A string field; null when absent or empty; an error when it has another JSON type.</summary>
    public static (string? Value, IksApiError? Error) Text(JsonObject body, string field) => body[field] switch
    {
        null => (null, null),
        JsonValue v when v.TryGetValue<string>(out var s) => (string.IsNullOrWhiteSpace(s) ? null : s.Trim(), null),
        var other => (null, IksErrorCatalog.InvalidField(field, other.ToJsonString(), "Use a JSON string.")),
    };

    /// <summary>A string-array field; empty when absent; an error when it is not an array of strings.</summary>
    public static (IReadOnlyList<string> Values, IksApiError? Error) Texts(JsonObject body, string field)
    {
        if (body[field] is null)
        {
            return ([], null);
        }

        if (body[field] is not JsonArray array || array.Any(n => n is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            return ([], IksErrorCatalog.InvalidField(field, body[field]!.ToJsonString(), "Use a JSON array of strings."));
        }

        return ([.. array.Select(n => n!.GetValue<string>().Trim()).Where(s => s.Length > 0)], null);
    }

    public static Task WriteJsonAsync(HttpContext http, int status, JsonNode body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";

        // As IBM's Go services encode: quotes as \", and only <, > and & as \u escapes (they occur only inside strings).
        var json = body.ToJsonString(s_json).Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal).Replace("&", "\\u0026", StringComparison.Ordinal);
        return http.Response.WriteAsync(json, http.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext http, IksApiError error)
    {
        if (error.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = new JsonObject
        {
            ["incidentID"] = Guid.NewGuid().ToString(),
            ["code"] = error.Code,
            ["description"] = error.Description,
            ["type"] = error.Type,
        };
        if (error.RecoveryCli is not null)
        {
            body["recoveryCLI"] = error.RecoveryCli;
        }

        return WriteJsonAsync(http, error.Status, body);
    }

    private IksIdentity? Authenticate(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? context.Tokens.Verify(header[scheme.Length..].Trim(), context.Catalog)
            : null;
    }
}
