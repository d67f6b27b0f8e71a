using Dashboard.Sandbox.Iks.Catalog;
using Dashboard.Sandbox.Iks.State;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.Iks.Api;

/// <summary>Cluster reads: v1 <c>GET /v1/clusters/{idOrName}</c> and v2 <c>getCluster</c> (any provider, or only VPC / only classic).</summary>
internal sealed class ClusterHandlers(IksApiContext context, IksHttp pipeline)
{
    private const string ReadAction = "containers-kubernetes.cluster.read";

    public RequestDelegate V1() => pipeline.Iks("v1.getCluster", (http, identity) =>
        Respond(http, identity, http.Request.RouteValues["idOrName"]?.ToString(), provider: null, v1: true));

    /// <summary><paramref name="provider"/>: null for <c>/v2/getCluster</c>, "vpc" or "classic" for the provider-specific paths.</summary>
    public RequestDelegate V2(string endpoint, string? provider) => pipeline.Iks(endpoint, (http, identity) =>
        Respond(http, identity, http.Request.Query["cluster"].ToString(), provider, v1: false));

    private Task Respond(HttpContext http, IksIdentity identity, string? idOrName, string? provider, bool v1)
    {
        var (cluster, error) = pipeline.Authorize(identity, idOrName, IksRole.Viewer, ReadAction);

        if (IksUnconfirmed.ProviderSpecificGetClusterHidesOtherProvider && cluster is not null && provider is not null && cluster.IsVpc != (provider == "vpc"))
        {
            (cluster, error) = (null, IksErrorCatalog.ClusterNotFound());
        }

        if (cluster is null)
        {
            return IksHttp.WriteErrorAsync(http, error!);
        }

        var ingress = context.Registry.List(cluster.Id).FirstOrDefault(r => r.Kind == RegistrationKind.Ingress);
        return IksHttp.WriteJsonAsync(http, 200, v1
            ? IksJson.ClusterV1(cluster, ingress)
            : IksJson.ClusterV2(cluster, context.Catalog.Account(cluster.AccountId), ingress));
    }
}
