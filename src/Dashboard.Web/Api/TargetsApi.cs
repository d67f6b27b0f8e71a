using Dashboard.Core.Targets;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

/// <summary>Create or change a target (admins). The API key is write-only: it is never returned.</summary>
public sealed record TargetBody(string Name, string? KubeconfigPath, string? KubeContext, bool InCluster, string? IksClusterName, string? ApiKey)
{
    public override string ToString() => $"TargetBody {{ Name = {Name}, KubeconfigPath = {KubeconfigPath}, KubeContext = {KubeContext}, InCluster = {InCluster}, IksClusterName = {IksClusterName}, ApiKey = {(ApiKey is null ? "null" : "***")} }}";
}

/// <summary>Problems with a request, each naming the field and the fix.</summary>
public sealed record ApiErrors(IReadOnlyList<string> Errors);

/// <summary><c>/api/targets</c>: list (everyone), create/change/delete (admins), connection test.</summary>
internal static class TargetsApi
{
    public static RouteGroupBuilder MapTargetsApi(this RouteGroupBuilder api)
    {
        var targets = api.MapGroup("/targets").WithTags("Targets");
        targets.MapGet("/", async (TargetService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithSummary("Every target: the sandbox, configuration's (Targets:n) and the store's. API keys show only as hasApiKey.");
        targets.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("Create a target (admins): kubeconfig path + context (or inCluster), IKS cluster name, IBM Cloud API key (stored encrypted, never returned).");
        targets.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("Change a stored target (admins); apiKey null keeps the stored key, \"\" removes it.");
        targets.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("Delete a stored target (admins). Run cleanup first: what the setup created stays in the cluster.");
        targets.MapPost("/{id}/test", TestAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Connection test: the API server's version and IKS's get-cluster; each part says whether it works and how to fix it.");
        return api;
    }

    private static async Task<Results<Created<TargetDefinition>, BadRequest<ApiErrors>>> CreateAsync(TargetBody body, HttpContext http, TargetService service, CancellationToken ct)
    {
        var result = await service.CreateAsync(Request(body), DashboardClaims.ActorOf(http.User, http), ct);
        return result.Succeeded ? TypedResults.Created($"/api/targets/{result.Target!.Id}", result.Target) : TypedResults.BadRequest(new ApiErrors(result.Errors));
    }

    private static async Task<Results<Ok<TargetDefinition>, BadRequest<ApiErrors>, NotFound<ApiErrors>>> UpdateAsync(string id, TargetBody body, HttpContext http, TargetService service, CancellationToken ct)
    {
        var result = await service.UpdateAsync(id, Request(body), DashboardClaims.ActorOf(http.User, http), ct);
        return result.Succeeded ? TypedResults.Ok(result.Target!)
            : result.NotFound ? TypedResults.NotFound(ApiRemedies.TargetNotFound(id))
            : TypedResults.BadRequest(new ApiErrors(result.Errors));
    }

    private static async Task<Results<NoContent, NotFound<ApiErrors>>> DeleteAsync(string id, HttpContext http, TargetService service, CancellationToken ct) =>
        await service.DeleteAsync(id, DashboardClaims.ActorOf(http.User, http), ct)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(new ApiErrors([$"No stored target '{id}' exists (targets from configuration or the sandbox cannot be deleted here)."]));

    private static async Task<Results<Ok<ConnectionTestResult>, NotFound<ApiErrors>>> TestAsync(string id, TargetConnectionTester tester, CancellationToken ct) =>
        await tester.TestAsync(id, ct) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound(new ApiErrors([$"No target '{id}' exists."]));

    private static TargetRequest Request(TargetBody body) => new(body.Name ?? "", body.KubeconfigPath, body.KubeContext, body.InCluster, body.IksClusterName, body.ApiKey);
}
