using Dashboard.Sandbox.DataPlane.Httpbin;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.DataPlane.Http;

/// <summary>Writes an <see cref="UpstreamResponse"/> to the client.</summary>
internal static class ResponseWriter
{
    public static async Task WriteAsync(HttpContext context, UpstreamResponse response)
    {
        context.Response.StatusCode = response.Status;
        foreach (var group in response.Headers.Where(h => !ForwardedHeaders.IsHopByHop(h.Key)).GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.Headers[group.Key] = group.Select(h => h.Value).ToArray();
        }

        context.Response.ContentLength = response.Body.Length;
        if (response.Body.Length > 0 && !HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
        }
    }
}
