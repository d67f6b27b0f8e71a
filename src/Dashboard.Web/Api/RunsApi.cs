using Dashboard.Core.Setup.Runs;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

/// <summary><c>/api/runs/{id}</c>: a run's per-step state, messages, timings and request counts; cancellation.</summary>
internal static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/runs").WithTags("Runs");
        runs.MapGet("/{runId:guid}", async Task<Results<Ok<SetupRunView>, NotFound<ApiErrors>>> (Guid runId, SetupRunService service, CancellationToken ct) =>
                await service.GetAsync(runId, ct) is { } run ? TypedResults.Ok(run) : TypedResults.NotFound(new ApiErrors([$"No run {runId} exists."])))
            .WithSummary("A run: state, message, and per step its state, result, messages, timings, and the Kubernetes/IKS requests it sent.");
        runs.MapPost("/{runId:guid}/cancel", async Task<Results<Accepted, Conflict<ApiErrors>>> (Guid runId, HttpContext http, SetupRunService service, CancellationToken ct) =>
                await service.CancelAsync(runId, DashboardClaims.ActorOf(http.User, http), ct)
                    ? TypedResults.Accepted($"/api/runs/{runId}")
                    : TypedResults.Conflict(new ApiErrors([$"Run {runId} is not active (or does not exist)."])))
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Ask an active run to stop before its next step.");
        return api;
    }
}
