using System.Security.Cryptography;
using System.Text;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Cluster;
using Dashboard.Sandbox.Kubernetes.Discovery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>The request entry point: bearer-token authentication, then discovery, OpenAPI, health or resource handling.</summary>
internal sealed class ApiEndpoint(ClusterContext context, ResourceEndpoint resources, RequestCounters counters, byte[] token, ILogger logger)
{
    private readonly OpenApiEndpoint _openApi = new(context);

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        try
        {
            if (path is "/healthz" or "/livez" or "/readyz")
            {
                counters.Count("other");
                await ResponseWriter.WriteBytesAsync(http, 200, "ok"u8.ToArray(), contentType: "text/plain; charset=utf-8");
                return;
            }

            if (!Authenticated(http))
            {
                counters.Count("unauthorized");
                throw ApiException.Unauthorized();
            }

            if (ApiRequest.Parse(path) is { } request)
            {
                await resources.HandleAsync(http, request);
                return;
            }

            counters.Count("other");
            if (http.Request.Method != "GET")
            {
                throw http.Request.Method is "POST" or "PUT" or "PATCH" or "DELETE" && IsDiscovery(path) ? ApiException.MethodNotAllowed() : ApiException.ResourceNotFound();
            }

            if (!await DiscoveryAsync(http, path) && !await _openApi.TryHandleAsync(http, path))
            {
                throw ApiException.ResourceNotFound();
            }
        }
        catch (ApiException e)
        {
            if (!http.Response.HasStarted)
            {
                await ResponseWriter.WriteErrorAsync(http, e);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing left to answer.
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            SandboxKubernetesLog.ServingFailed(logger, e, http.Request.Method, path);
            await ResponseWriter.WriteErrorAsync(http, ApiException.Internal("Internal error occurred: " + e.GetType().Name));
        }
    }

    private bool Authenticated(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(header[prefix.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, token);
    }

    private static bool IsDiscovery(string path) => path is "/api" or "/apis" || path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/apis/", StringComparison.Ordinal);

    private async Task<bool> DiscoveryAsync(HttpContext http, string path)
    {
        var trimmed = path.TrimEnd('/');
        var segments = trimmed.Trim('/').Split('/');
        System.Text.Json.Nodes.JsonObject? body = trimmed switch
        {
            "/version" => DiscoveryDocuments.Version(),
            "/api" => DiscoveryDocuments.ApiVersions($"{http.Request.Host.Host}:{http.Request.Host.Port}"),
            "/apis" => DiscoveryDocuments.GroupList(context.Registry),
            _ when segments.Length == 2 && segments[0] == "api" => DiscoveryDocuments.ResourceList(context.Registry, string.Empty, segments[1]),
            _ when segments.Length == 2 && segments[0] == "apis" => DiscoveryDocuments.Group(context.Registry, segments[1]),
            _ when segments.Length == 3 && segments[0] == "apis" => DiscoveryDocuments.ResourceList(context.Registry, segments[1], segments[2]),
            _ => null,
        };
        if (body is null)
        {
            return false;
        }

        if (trimmed is "/api" or "/apis" || segments[0] is "api" or "apis")
        {
            // Aggregated discovery is not offered: a client that also accepts plain JSON gets the legacy documents.
            MediaTypes.Negotiate(http.Request.Headers.Accept, allowTable: false);
        }

        await ResponseWriter.WriteJsonAsync(http, 200, body);
        return true;
    }
}
