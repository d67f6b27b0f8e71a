using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Dashboard.Core.Ibm.Http;
using Dashboard.Core.Ibm.Models;

namespace Dashboard.Core.Ibm;

/// <summary>The IKS operations (paths and bodies as the IKS API and its SDK define them); the transport is in IksClient.Transport.cs.</summary>
internal sealed partial class IksClient : IIksClient
{
    public Task<IksResult<ClusterInfo>> GetClusterAsync(IbmCredential credential, string cluster, CancellationToken cancellationToken = default)
    {
        var call = Call("get cluster", cluster, HttpMethod.Get, $"/v2/getCluster?cluster={Q(cluster)}", null, idempotent: true, IksConventions.ViewerRole, clusterOnly: true);
        return SendAsync(credential, call, body => IksPayloads.ToClusterInfo(Deserialize<GetClusterResponse>(body), cluster), cancellationToken);
    }

    public Task<IksResult<IReadOnlyList<NlbDnsEntry>>> ListNlbDnsAsync(IbmCredential credential, string cluster, CancellationToken cancellationToken = default)
    {
        var call = Call("list nlb-dns subdomains", cluster, HttpMethod.Get, $"/v2/nlb-dns/getNlbDNSList?cluster={Q(cluster)}", null, idempotent: true, IksConventions.ViewerRole, clusterOnly: true);
        return SendAsync(credential, call, IksPayloads.ParseNlbDnsList, cancellationToken);
    }

    public Task<IksResult<NlbDnsEntry>> RegisterClassicNlbDnsAsync(IbmCredential credential, string cluster, IReadOnlyList<string> ips, string? secretNamespace = null, CancellationToken cancellationToken = default)
    {
        const string operation = "register an nlb-dns subdomain (classic)";
        if ((CheckIps(operation, ips) ?? CheckNamespace(operation, secretNamespace)) is { } invalid)
        {
            return Task.FromResult(IksResult.Failure<NlbDnsEntry>(invalid));
        }

        var body = new NlbConfig { ClusterId = cluster, NlbHost = string.Empty, NlbIpArray = [.. ips], NlbType = "public", NlbDnsType = "public", SecretNamespace = Blank(secretNamespace) };
        var call = Call(operation, cluster, HttpMethod.Post, $"/v1/nlb-dns/clusters/{P(cluster)}/register", body, idempotent: false, IksConventions.EditorRole, clusterOnly: true);
        return SendAsync(credential, call, response => IksPayloads.FromClassic(Deserialize<NlbConfig>(response)), cancellationToken);
    }

    public Task<IksResult<NlbDnsEntry>> RegisterVpcNlbDnsAsync(IbmCredential credential, string cluster, string lbHostname, string? secretNamespace = null, CancellationToken cancellationToken = default)
    {
        const string operation = "register an nlb-dns subdomain (VPC)";
        if ((CheckHostName(operation, lbHostname, "load balancer host name") ?? CheckNamespace(operation, secretNamespace)) is { } invalid)
        {
            return Task.FromResult(IksResult.Failure<NlbDnsEntry>(invalid));
        }

        var body = new NlbVpcConfig { Cluster = cluster, DnsType = "public", LbHostname = lbHostname, SecretNamespace = Blank(secretNamespace), Type = "public" };
        var call = Call(operation, cluster, HttpMethod.Post, "/v2/nlb-dns/vpc/createNlbDNS", body, idempotent: false, IksConventions.EditorRole, clusterOnly: true);
        return SendAsync(credential, call, response => IksPayloads.FromVpc(Deserialize<NlbVpcConfig>(response), null, null), cancellationToken);
    }

    public Task<IksResult> AddNlbDnsIpsAsync(IbmCredential credential, string cluster, string nlbHost, IReadOnlyList<string> ips, CancellationToken cancellationToken = default)
    {
        const string operation = "add IPs to an nlb-dns subdomain";
        if ((CheckHostName(operation, nlbHost, "subdomain") ?? CheckIps(operation, ips)) is { } invalid)
        {
            return Task.FromResult(IksResult.Failure(invalid));
        }

        // PUT of a set of IPs: repeating it leaves the same result, so it is retried.
        var body = new NlbConfig { ClusterId = cluster, NlbHost = nlbHost, NlbIpArray = [.. ips] };
        return SendAsync(credential, Call(operation, cluster, HttpMethod.Put, $"/v1/nlb-dns/clusters/{P(cluster)}/add", body, idempotent: true, IksConventions.EditorRole, clusterOnly: false), cancellationToken);
    }

    public Task<IksResult> RemoveNlbDnsIpAsync(IbmCredential credential, string cluster, string nlbHost, string ip, CancellationToken cancellationToken = default)
    {
        const string operation = "remove an IP from an nlb-dns subdomain";
        if ((CheckHostName(operation, nlbHost, "subdomain") ?? CheckIps(operation, [ip])) is { } invalid)
        {
            return Task.FromResult(IksResult.Failure(invalid));
        }

        var path = $"/v1/nlb-dns/clusters/{P(cluster)}/host/{P(nlbHost)}/ip/{P(ip)}/remove";
        return SendAsync(credential, Call(operation, cluster, HttpMethod.Delete, path, null, idempotent: true, IksConventions.EditorRole, clusterOnly: false), cancellationToken);
    }

    public Task<IksResult> RemoveVpcNlbDnsAsync(IbmCredential credential, string cluster, string nlbSubdomain, CancellationToken cancellationToken = default)
    {
        const string operation = "remove an nlb-dns subdomain (VPC)";
        if (CheckHostName(operation, nlbSubdomain, "subdomain") is { } invalid)
        {
            return Task.FromResult(IksResult.Failure(invalid));
        }

        var body = new NlbVpcConfig { Cluster = cluster, NlbSubdomain = nlbSubdomain };
        return SendAsync(credential, Call(operation, cluster, HttpMethod.Post, "/v2/nlb-dns/vpc/removeLBHostname", body, idempotent: false, IksConventions.EditorRole, clusterOnly: false), cancellationToken);
    }

    public Task<IksResult> RegenerateCertificateAsync(IbmCredential credential, string cluster, string subdomain, CancellationToken cancellationToken = default) =>
        SubdomainCall("regenerate the certificate of an nlb-dns subdomain", "/v2/nlb-dns/regenerateCert", credential, cluster, subdomain, cancellationToken);

    public Task<IksResult> DeleteSecretAsync(IbmCredential credential, string cluster, string subdomain, CancellationToken cancellationToken = default) =>
        SubdomainCall("delete the certificate secret of an nlb-dns subdomain", "/v2/nlb-dns/deleteSecret", credential, cluster, subdomain, cancellationToken);

    private Task<IksResult> SubdomainCall(string operation, string path, IbmCredential credential, string cluster, string subdomain, CancellationToken cancellationToken)
    {
        if (CheckHostName(operation, subdomain, "subdomain") is { } invalid)
        {
            return Task.FromResult(IksResult.Failure(invalid));
        }

        var body = new SubdomainRequest { Cluster = cluster, Subdomain = subdomain };
        return SendAsync(credential, Call(operation, cluster, HttpMethod.Post, path, body, idempotent: false, IksConventions.EditorRole, clusterOnly: false), cancellationToken);
    }

    private static IksCall Call(string operation, string cluster, HttpMethod method, string path, object? body, bool idempotent, string role, bool clusterOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster);
        return new IksCall(operation, cluster, method, path, body, idempotent, role, clusterOnly);
    }

    private static IksError? CheckIps(string operation, IReadOnlyList<string>? ips)
    {
        if (ips is null || ips.Count == 0)
        {
            return IksErrors.InvalidInput(operation, "No load balancer IP was given.", "Pass the IPv4 address(es) of the load balancer (e.g. the istio-ingressgateway Service's external IP).");
        }

        var bad = ips.FirstOrDefault(ip => !IPAddress.TryParse(ip, out var address) || address.AddressFamily != AddressFamily.InterNetwork || address.ToString() != ip);
        return bad is null ? null : IksErrors.InvalidInput(operation, $"'{bad}' is not an IPv4 address.", "IKS nlb-dns registers IPv4 addresses such as 169.46.52.10; pass the load balancer's external IP.");
    }

    private static IksError? CheckHostName(string operation, string? value, string what) =>
        Uri.CheckHostName(value) == UriHostNameType.Dns && value!.Length <= 253
            ? null
            : IksErrors.InvalidInput(operation, $"'{value}' is not a valid {what}.", $"Pass the {what} exactly as 'ibmcloud ks nlb-dns ls' shows it.");

    private static IksError? CheckNamespace(string operation, string? ns) =>
        ns is null || (ns.Length is > 0 and <= 63 && ns.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && ns[0] != '-' && ns[^1] != '-')
            ? null
            : IksErrors.InvalidInput(operation, $"'{ns}' is not a valid Kubernetes namespace name.", "Use a lowercase DNS label such as istio-system, or leave it empty for 'default'.");

    private static T Deserialize<T>(string body)
        where T : class =>
        JsonSerializer.Deserialize<T>(body, IksPayloads.Json) ?? throw new InvalidDataException("the body is empty or null");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string Q(string value) => Uri.EscapeDataString(value);

    private static string P(string value) => Uri.EscapeDataString(value);
}
