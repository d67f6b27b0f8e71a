using Dashboard.Core.Kubernetes;

namespace Dashboard.Web.Api;

/// <summary>
/// The API's half of a refusal: the core says what is wrong and what to do in its own terms; these add where to do
/// it (the routes, and the page for people reading the answer), which only the web layer knows.
/// </summary>
internal static class ApiRemedies
{
    public static ApiErrors TargetNotFound(string id) => new([$"No target '{id}' exists; list targets with GET /api/targets."]);

    public static ApiErrors ActiveRun(IReadOnlyList<string> errors, Guid? run) =>
        run is { } id ? new([.. errors.Select(e => $"{e} Follow it with GET /api/runs/{id}; cancel it with POST /api/runs/{id}/cancel.")]) : new(errors);

    public static string ClusterUnavailable(ClusterUnavailableException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var id = e.TargetId ?? "{id}";
        return e.Problem == ClusterProblem.Settings
            ? $"{e.Message} Correct it on the Targets page or with PUT /api/targets/{id}, then test it with POST /api/targets/{id}/test."
            : $"{e.Message} Test it on the Targets page or with POST /api/targets/{id}/test.";
    }
}
