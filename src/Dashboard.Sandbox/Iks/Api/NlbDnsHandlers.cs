using System.Text.Json.Nodes;
using Dashboard.Sandbox.Iks.Catalog;
using Dashboard.Sandbox.Iks.State;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.Iks.Api;

/// <summary>The nlb-dns endpoints, v1 (classic, REST) and v2 (RPC style), with the status codes the SDK expects.</summary>
internal sealed class NlbDnsHandlers(IksApiContext context, IksHttp pipeline)
{
    private const string ReadAction = "containers-kubernetes.cluster.read";
    private const string UpdateAction = "containers-kubernetes.cluster.update";

    private IksRegistry Registry => context.Registry;

    public RequestDelegate ListV1() => pipeline.Iks("v1.nlb-dns.list", (http, identity) =>
        WithCluster(http, identity, Route(http, "idOrName"), IksRole.Viewer, ReadAction, cluster => IksUnconfirmed.V1ListIsClassicOnly && cluster.IsVpc
            ? IksHttp.WriteErrorAsync(http, IksErrorCatalog.WrongProvider(cluster.Name, clusterIsVpc: true))
            : IksHttp.WriteJsonAsync(http, 200, IksJson.ClusterNlbHostsList(cluster, Registry.List(cluster.Id)))));

    public RequestDelegate ListV2() => pipeline.Iks("v2.nlb-dns.getNlbDNSList", (http, identity) =>
        WithCluster(http, identity, http.Request.Query["cluster"].ToString(), IksRole.Viewer, ReadAction, cluster =>
            IksHttp.WriteJsonAsync(http, 200, IksJson.NlbDnsList(cluster, Registry.List(cluster.Id)))));

    public RequestDelegate Register() => pipeline.Iks("v1.nlb-dns.register", (http, identity) =>
        WithBody(http, identity, body => Route(http, "idOrName"), async (cluster, body) =>
        {
            var (ips, ipsError) = IksHttp.Texts(body, "nlbIPArray");
            var (ns, nsError) = IksHttp.Text(body, "secretNamespace");
            var (type, typeError) = IksHttp.Text(body, "nlbType");
            if ((ipsError ?? nsError ?? typeError) is { } invalid)
            {
                await IksHttp.WriteErrorAsync(http, invalid);
                return;
            }

            var (registration, error) = Registry.RegisterClassic(cluster, ips, ns, type);
            await (error is null ? IksHttp.WriteJsonAsync(http, 201, IksJson.NlbConfig(registration!)) : IksHttp.WriteErrorAsync(http, error));
        }));

    public RequestDelegate Add() => pipeline.Iks("v1.nlb-dns.add", (http, identity) =>
        WithBody(http, identity, body => Route(http, "idOrName"), (cluster, body) =>
        {
            var (host, hostError) = IksHttp.Text(body, "nlbHost");
            var (ips, ipsError) = IksHttp.Texts(body, "nlbIPArray");
            var error = hostError ?? ipsError ?? (host is null ? IksErrorCatalog.MissingField("nlbHost") : null) ?? Registry.AddIps(cluster, host!, ips);
            return Done(http, 204, error);
        }));

    public RequestDelegate RemoveIp() => pipeline.Iks("v1.nlb-dns.remove", (http, identity) =>
        WithCluster(http, identity, Route(http, "idOrName"), IksRole.Editor, UpdateAction, cluster =>
            Done(http, 204, Registry.RemoveIp(cluster, Route(http, "nlbHost")!, Route(http, "nlbIP")!))));

    public RequestDelegate CreateVpc() => pipeline.Iks("v2.nlb-dns.createNlbDNS", (http, identity) =>
        WithBody(http, identity, body => IksHttp.Text(body, "cluster").Value, async (cluster, body) =>
        {
            var (lbHostname, e1) = IksHttp.Text(body, "lbHostname");
            var (ns, e2) = IksHttp.Text(body, "secretNamespace");
            var (type, e3) = IksHttp.Text(body, "type");
            var (dnsType, e4) = IksHttp.Text(body, "dnsType");
            if ((e1 ?? e2 ?? e3 ?? e4 ?? (lbHostname is null ? IksErrorCatalog.MissingField("lbHostname") : null)) is { } invalid)
            {
                await IksHttp.WriteErrorAsync(http, invalid);
                return;
            }

            var (registration, error) = Registry.RegisterVpc(cluster, lbHostname!, ns, type, dnsType);
            await (error is null ? IksHttp.WriteJsonAsync(http, 201, IksJson.NlbVpcConfig(registration!, withIps: false)) : IksHttp.WriteErrorAsync(http, error));
        }));

    public RequestDelegate RemoveVpc() => pipeline.Iks("v2.nlb-dns.removeLBHostname", (http, identity) =>
        WithBody(http, identity, body => IksHttp.Text(body, "cluster").Value, (cluster, body) =>
            Subdomain(http, body, "nlbSubdomain", subdomain => Done(http, 204, Registry.RemoveVpc(cluster, subdomain)))));

    public RequestDelegate Regenerate() => pipeline.Iks("v2.nlb-dns.regenerateCert", (http, identity) =>
        WithBody(http, identity, body => IksHttp.Text(body, "cluster").Value, (cluster, body) =>
            Subdomain(http, body, "subdomain", subdomain => Done(http, 202, Registry.Regenerate(cluster, subdomain, context.Faults.Current.RegenerateDailyLimit)))));

    public RequestDelegate DeleteSecret() => pipeline.Iks("v2.nlb-dns.deleteSecret", (http, identity) =>
        WithBody(http, identity, body => IksHttp.Text(body, "cluster").Value, (cluster, body) =>
            Subdomain(http, body, "subdomain", subdomain => Done(http, 204, Registry.DeleteSecret(cluster, subdomain)))));

    private Task WithCluster(HttpContext http, IksIdentity identity, string? idOrName, IksRole role, string action, Func<IksCluster, Task> then)
    {
        var (cluster, error) = pipeline.Authorize(identity, idOrName, role, action);
        return cluster is null ? IksHttp.WriteErrorAsync(http, error!) : then(cluster);
    }

    /// <summary>Parses the JSON body first (400 when malformed), then finds and authorizes the cluster it names.</summary>
    private async Task WithBody(HttpContext http, IksIdentity identity, Func<JsonObject, string?> clusterOf, Func<IksCluster, JsonObject, Task> then)
    {
        var (body, bodyError) = await IksHttp.ReadObjectAsync(http);
        if (body is null)
        {
            await IksHttp.WriteErrorAsync(http, bodyError!);
            return;
        }

        await WithCluster(http, identity, clusterOf(body), IksRole.Editor, UpdateAction, cluster => then(cluster, body));
    }

    private static Task Subdomain(HttpContext http, JsonObject body, string field, Func<string, Task> then)
    {
        var (subdomain, error) = IksHttp.Text(body, field);
        return (error ?? (subdomain is null ? IksErrorCatalog.MissingField(field) : null)) is { } invalid
            ? IksHttp.WriteErrorAsync(http, invalid)
            : then(subdomain!);
    }

    private static Task Done(HttpContext http, int status, IksApiError? error)
    {
        if (error is not null)
        {
            return IksHttp.WriteErrorAsync(http, error);
        }

        http.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static string? Route(HttpContext http, string name) => http.Request.RouteValues[name]?.ToString();
}
