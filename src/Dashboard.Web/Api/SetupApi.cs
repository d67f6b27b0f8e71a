using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Runs;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

/// <summary>Change a setup's parameters and/or profile overrides; null members stay as they are.</summary>
public sealed record SetupSettingsBody(SetupParameters? Parameters, ProfileOverrides? Overrides);

/// <summary>Start a run: all remaining steps, or the given ones (ids or numbers); <c>consent</c> allows taking over objects the dashboard does not own.</summary>
public sealed record StartRunBody(IReadOnlyList<string>? Steps, bool Consent = false);

/// <summary><c>/api/targets/{id}/setup</c>: the setup's state, plan, settings, runs and cleanup.</summary>
internal static class SetupApi
{
    public static RouteGroupBuilder MapSetupApi(this RouteGroupBuilder api)
    {
        var setup = api.MapGroup("/targets/{id}/setup").WithTags("Setup");
        setup.MapGet("/", GetAsync).WithSummary("The profile (detected, overridden, with evidence), the parameters and every step's state (InSync, Missing, Drifted, Blocked, Waiting).");
        setup.MapPut("/", UpdateAsync).RequireAuthorization(Policies.Operator).WithSummary("Change the parameters and/or the profile overrides (validated; invalid input changes nothing).");
        setup.MapGet("/plan", PlanAsync).WithSummary("What every step would write, as YAML (secrets as keys and certificate summaries only), with diffs against the cluster and the equivalent commands.");
        setup.MapPost("/runs", StartRunAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Start a run of all remaining steps, or {\"steps\":[...]}; answers 202 with the run (poll GET /api/runs/{runId}).");
        setup.MapGet("/runs", async (string id, SetupRunService runs, CancellationToken ct) => TypedResults.Ok(await runs.ListAsync(id, 20, ct)))
            .WithSummary("The target's latest runs, newest first.");
        setup.MapPost("/cleanup", CleanupAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Undo the setup in reverse order: delete what it created, restore what it changed, remove its nlb-dns registration; 409 while a run is unfinished.");
        return api;
    }

    private static async Task<Results<Ok<SetupOverview>, NotFound<ApiErrors>, ProblemHttpResult>> GetAsync(string id, SetupService setup, CancellationToken ct)
    {
        try
        {
            return await setup.GetAsync(id, ct) is { } overview ? TypedResults.Ok(overview) : NotFound(id);
        }
        catch (ClusterUnavailableException e)
        {
            return Unavailable(e);
        }
    }

    private static async Task<Results<Ok<SetupPlanView>, NotFound<ApiErrors>, ProblemHttpResult>> PlanAsync(string id, SetupService setup, CancellationToken ct)
    {
        try
        {
            return await setup.PlanAsync(id, ct) is { } plan ? TypedResults.Ok(plan) : NotFound(id);
        }
        catch (ClusterUnavailableException e)
        {
            return Unavailable(e);
        }
    }

    private static async Task<Results<Ok<SetupSettings>, BadRequest<ApiErrors>, NotFound<ApiErrors>>> UpdateAsync(
        string id, SetupSettingsBody body, HttpContext http, SetupService setup, Core.Targets.TargetService targets, CancellationToken ct)
    {
        if (await targets.ResolveAsync(id, ct) is null)
        {
            return NotFound(id);
        }

        var result = await setup.UpdateSettingsAsync(id, body.Parameters, body.Overrides, DashboardClaims.ActorOf(http.User, http), ct);
        return result.Settings is { } settings ? TypedResults.Ok(settings) : TypedResults.BadRequest(new ApiErrors(result.Errors));
    }

    private static async Task<Results<Accepted<SetupRunView>, BadRequest<ApiErrors>, NotFound<ApiErrors>, Conflict<ApiErrors>>> StartRunAsync(
        string id, HttpContext http, SetupRunService runs, CancellationToken ct, StartRunBody? body = null)
    {
        var result = await runs.StartAsync(id, body?.Steps, body?.Consent ?? false, DashboardClaims.ActorOf(http.User, http), ct);
        return result switch
        {
            { Run: { } run } => TypedResults.Accepted($"/api/runs/{run.Id}", run),
            { NotFound: true } => NotFound(id),
            { ConflictingRun: not null } => TypedResults.Conflict(ApiRemedies.ActiveRun(result.Errors, result.ConflictingRun)),
            _ => TypedResults.BadRequest(new ApiErrors(result.Errors)),
        };
    }

    private static async Task<Results<Ok<CleanupResult>, NotFound<ApiErrors>, Conflict<ApiErrors>, ProblemHttpResult>> CleanupAsync(string id, HttpContext http, SetupCleanupService cleanup, CancellationToken ct)
    {
        try
        {
            var result = await cleanup.CleanupAsync(id, DashboardClaims.ActorOf(http.User, http), ct);
            return result switch
            {
                { NotFound: true } => NotFound(id),
                { Steps.Count: 0, Errors.Count: > 0 } => TypedResults.Conflict(ApiRemedies.ActiveRun(result.Errors, result.ActiveRun)),
                _ => TypedResults.Ok(result),
            };
        }
        catch (ClusterUnavailableException e)
        {
            return Unavailable(e);
        }
    }

    private static NotFound<ApiErrors> NotFound(string id) => TypedResults.NotFound(ApiRemedies.TargetNotFound(id));

    private static ProblemHttpResult Unavailable(ClusterUnavailableException e) =>
        TypedResults.Problem(ApiRemedies.ClusterUnavailable(e), statusCode: StatusCodes.Status503ServiceUnavailable, title: "The target's cluster cannot be reached");
}
