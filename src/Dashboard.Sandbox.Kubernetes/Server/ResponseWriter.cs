using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Json;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>Writes JSON responses with the headers the API server sends.</summary>
internal static class ResponseWriter
{
    public static Task WriteJsonAsync(HttpContext http, int status, JsonNode body, IReadOnlyList<string>? warnings = null) =>
        WriteBytesAsync(http, status, JsonText.ToUtf8(body), warnings);

    public static async Task WriteBytesAsync(HttpContext http, int status, byte[] body, IReadOnlyList<string>? warnings = null, string contentType = MediaTypes.Json)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        CommonHeaders(response, warnings);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, http.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext http, ApiException error)
    {
        foreach (var (name, value) in error.Headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }

        if (error.Code == 401)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"kubernetes-api\"";
        }

        return WriteJsonAsync(http, error.Code, error.ToStatus());
    }

    public static void CommonHeaders(HttpResponse response, IReadOnlyList<string>? warnings)
    {
        response.Headers.CacheControl = "no-cache, private";
        response.Headers["Audit-Id"] = Guid.NewGuid().ToString();
        if (warnings is { Count: > 0 })
        {
            response.Headers.Append("Warning", warnings.Select(w => "299 - \"" + w.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"").ToArray());
        }
    }
}
