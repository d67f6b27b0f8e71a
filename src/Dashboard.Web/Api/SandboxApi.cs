using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Sandbox;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

/// <summary>Move the sandbox clock forward by <c>by</c> (e.g. <c>"54.00:00:00"</c>).</summary>
public sealed record AdvanceClockBody(TimeSpan By);

/// <summary>The sandbox clock after a jump.</summary>
public sealed record SandboxClockView(TimeSpan Offset, DateTimeOffset SandboxTime);

/// <summary>The sandbox Kubernetes simulator after a reset: its flavour and kubeconfig.</summary>
public sealed record SandboxKubernetesResetView(string Flavour, string KubeconfigPath);

/// <summary>
/// <c>/api/sandbox</c>: how to reach the sandbox (kubeconfig, flavour, IKS/IAM URLs, the API key's owner and account,
/// the data plane's host map with curl hints). The key itself is included only when it is the well-known, public
/// <c>sandbox-api-key</c>: it opens nothing but the loopback simulator, and scripts need it to call it; a key from
/// configured sandbox accounts is never shown.
/// </summary>
internal static class SandboxApi
{
    public static RouteGroupBuilder MapSandboxApi(this RouteGroupBuilder api)
    {
        var sandbox = api.MapGroup("/sandbox").WithTags("Sandbox");
        sandbox.MapGet("/", async Task<Results<Ok<SandboxDescription>, NotFound<ApiErrors>>> (IServiceProvider services, CancellationToken ct) =>
            {
                if (services.GetService<SandboxEnvironment>() is not { } environment)
                {
                    return TypedResults.NotFound(new ApiErrors(["The sandbox is off (Sandbox:Mode=Off, or Auto with targets configured)."]));
                }

                await environment.Ready.WaitAsync(TimeSpan.FromMinutes(1), ct);
                return TypedResults.Ok(environment.Describe());
            })
            .WithSummary("How to reach the sandbox: kubeconfig, flavour, IKS/IAM URLs, key owner and account, the data plane's host map with curl hints.");
        sandbox.MapPost("/clock/advance", AdvanceAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Fast-forward the sandbox clock (renewals, expiry and staleness show in minutes). Time only moves forward.");
        sandbox.MapPost("/kubernetes/reset", ResetKubernetesAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Restore the Kubernetes simulator's preloaded cluster (every change discarded, open watches closed); 409 with an external cluster.");
        return api;
    }

    private static async Task<Results<Ok<SandboxClockView>, BadRequest<ApiErrors>, NotFound<ApiErrors>>> AdvanceAsync(
        AdvanceClockBody body, HttpContext http, IServiceProvider services, IAuditLog audit, CancellationToken ct)
    {
        if (services.GetService<SandboxEnvironment>() is not { } environment)
        {
            return TypedResults.NotFound(new ApiErrors(["The sandbox is off."]));
        }

        if (body.By <= TimeSpan.Zero || body.By > TimeSpan.FromDays(3650))
        {
            return TypedResults.BadRequest(new ApiErrors([$"by must be a positive duration of at most 3650 days, e.g. \"54.00:00:00\"; got {body.By}."]));
        }

        environment.Clock.Advance(body.By);
        await audit.RecordAsync(new AuditRecord(DashboardClaims.ActorOf(http.User, http), "sandbox.clock", "sandbox", AuditResult.Succeeded, $"advanced by {body.By}; offset now {environment.Clock.Offset}"), ct);
        return TypedResults.Ok(new SandboxClockView(environment.Clock.Offset, environment.Clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<SandboxKubernetesResetView>, NotFound<ApiErrors>, Conflict<ApiErrors>>> ResetKubernetesAsync(
        HttpContext http, IServiceProvider services, IAuditLog audit, CancellationToken ct)
    {
        if (services.GetService<SandboxEnvironment>() is not { } environment)
        {
            return TypedResults.NotFound(new ApiErrors(["The sandbox is off."]));
        }

        await environment.Ready.WaitAsync(TimeSpan.FromMinutes(1), ct);
        if (environment.Kubernetes is not { } simulator)
        {
            return TypedResults.Conflict(new ApiErrors([$"The sandbox uses an external cluster (Sandbox:Kubernetes:Kubeconfig = {environment.KubeconfigPath}); only the embedded simulator can be reset."]));
        }

        // Reset waits (briefly, blocking) for the simulated controllers to go idle: off the request thread.
        await Task.Run(simulator.Reset, ct);

        // The IKS simulator keeps its own state: write its certificate secrets into the fresh cluster, as at start.
        await environment.Iks.BindKubeconfigAsync(environment.KubeconfigPath, ct);
        await audit.RecordAsync(new AuditRecord(DashboardClaims.ActorOf(http.User, http), "sandbox.kubernetes.reset", "sandbox", AuditResult.Succeeded, $"restored the preloaded {simulator.Flavour} cluster"), ct);
        return TypedResults.Ok(new SandboxKubernetesResetView(simulator.Flavour.ToString(), environment.KubeconfigPath));
    }
}
