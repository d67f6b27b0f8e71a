namespace Dashboard.Sandbox.Kubernetes;

/// <summary>How many requests the simulated API server has served since it started, per Kubernetes verb.</summary>
/// <param name="Get">Reads of a single object.</param>
/// <param name="List">Collection reads.</param>
/// <param name="Watch">Watches opened.</param>
/// <param name="Create">POST requests.</param>
/// <param name="Update">PUT requests.</param>
/// <param name="Patch">PATCH requests (including server-side apply).</param>
/// <param name="Delete">DELETE requests on one object.</param>
/// <param name="DeleteCollection">DELETE requests on a collection.</param>
/// <param name="Other">Discovery, OpenAPI, version and health requests.</param>
/// <param name="Unauthorized">Requests refused for a missing or wrong token.</param>
public sealed record KubernetesRequestCounts(
    long Get,
    long List,
    long Watch,
    long Create,
    long Update,
    long Patch,
    long Delete,
    long DeleteCollection,
    long Other,
    long Unauthorized)
{
    /// <summary>Requests that asked to change state: create, update, patch, delete and deletecollection.</summary>
    public long Writes => Create + Update + Patch + Delete + DeleteCollection;

    /// <summary>Requests that only read: get, list and watch.</summary>
    public long Reads => Get + List + Watch;
}
