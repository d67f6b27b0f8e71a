namespace Dashboard.Web.Api;

/// <summary>Maps the targets, setup, runs and sandbox endpoints into the <c>/api</c> group.</summary>
internal static class SetupEndpoints
{
    public static RouteGroupBuilder MapSetupEndpoints(this RouteGroupBuilder api) =>
        api.MapTargetsApi().MapSetupApi().MapRunsApi().MapSandboxApi();
}
