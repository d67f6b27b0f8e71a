using System.Text.Json.Nodes;
using Dashboard.Core.Ibm;
using Dashboard.Core.Kubernetes;

namespace Dashboard.Core.Setup;

/// <summary>The gateway's public address: an IP (classic) or a load balancer host name (VPC).</summary>
/// <param name="Ip">The IP, when the Service reports one.</param>
/// <param name="Hostname">The host name, when the Service reports one.</param>
public sealed record GatewayAddress(string? Ip, string? Hostname)
{
    /// <summary>The address as text.</summary>
    public override string ToString() => Ip ?? Hostname ?? "(none)";
}

/// <summary>
/// What the steps discover and share, always by asking the cluster and IKS (memoized per execution, starting with what
/// profile detection read when the execution was opened): the ALB's Ingress subdomain and secret (step 5), the
/// gateway's address (step 6), its nlb-dns registration (steps 7-8), the secrets step 9 derives from.
/// A resumed run re-derives them instead of trusting memory. A missing fact blocks the asking step.
/// </summary>
public sealed class SetupFacts(StepContext context)
{
    /// <summary>The gateway workload's namespace.</summary>
    public const string GatewayNamespace = "istio-system";

    /// <summary>The gateway's LoadBalancer Service.</summary>
    public const string GatewayService = "istio-ingressgateway";

    /// <summary>The gateway pods' label selector.</summary>
    public const string GatewaySelector = "istio=ingressgateway";

    private readonly Dictionary<string, JsonObject> _sources = new(StringComparer.Ordinal);
    private ClusterInfo? _cluster;
    private GatewayAddress? _address;
    private IReadOnlyList<NlbDnsEntry>? _nlb;

    /// <summary>IKS's view of the cluster (step 5's facts).</summary>
    public async Task<ClusterInfo> ClusterAsync(CancellationToken cancellationToken)
    {
        if (_cluster is not null)
        {
            return _cluster;
        }

        var (iks, credential, cluster) = Iks();
        var result = await iks.GetClusterAsync(credential, cluster, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new StepBlockedException(StepObservation.Blocked($"IKS: {result.Error.Message}", result.Error.Remedy, SetupCodes.Iks));
        }

        return _cluster = result.Value;
    }

    /// <summary>The ALB's Ingress subdomain and secret name.</summary>
    public async Task<(string Domain, string Secret)> AlbAsync(CancellationToken cancellationToken)
    {
        var cluster = await ClusterAsync(cancellationToken);
        if (string.IsNullOrEmpty(cluster.IngressHostname) || string.IsNullOrEmpty(cluster.IngressSecretName))
        {
            throw new StepBlockedException(StepObservation.Blocked(
                $"IKS reports no Ingress subdomain or secret for cluster {cluster.Name} yet (Ingress status: {cluster.IngressStatus ?? "unknown"}).",
                "Wait until 'ibmcloud ks cluster get' shows an Ingress Subdomain and Secret (IKS provisions them after the cluster is created), then run again.",
                SetupCodes.Iks));
        }

        return (cluster.IngressHostname, cluster.IngressSecretName);
    }

    /// <summary>The host the ALB serves httpbin on: <c>&lt;label&gt;.&lt;ALB domain&gt;</c>.</summary>
    public async Task<string> AlbHostAsync(CancellationToken cancellationToken) =>
        $"{context.Parameters.HttpbinHostLabel}.{(await AlbAsync(cancellationToken)).Domain}";

    /// <summary>The gateway's external address from its LoadBalancer Service (step 6's fact).</summary>
    public async Task<GatewayAddress> GatewayAddressAsync(CancellationToken cancellationToken)
    {
        if (_address is not null)
        {
            return _address;
        }

        var service = await context.Cluster.GetAsync(ResourceKind.Service, GatewayNamespace, GatewayService, cancellationToken)
            ?? throw new StepBlockedException(StepObservation.Blocked(
                $"The Service {GatewayNamespace}/{GatewayService} does not exist: Istio's ingress gateway is not installed.",
                "Install Istio with its ingress gateway (istioctl install), then run again.", SetupCodes.NoExternalAddress));
        var ingress = service["status"]?["loadBalancer"]?["ingress"]?[0];
        var ip = ingress?["ip"]?.GetValue<string>();
        var hostname = ingress?["hostname"]?.GetValue<string>();
        if (string.IsNullOrEmpty(ip) && string.IsNullOrEmpty(hostname))
        {
            throw new StepBlockedException(StepObservation.Blocked(
                $"The Service {GatewayNamespace}/{GatewayService} has no external IP or host name yet (status.loadBalancer.ingress is empty; type {service["spec"]?["type"]?.GetValue<string>() ?? "?"}).",
                $"Wait for the cloud load balancer (kubectl -n {GatewayNamespace} get svc {GatewayService} shows EXTERNAL-IP once it is ready); check 'kubectl -n {GatewayNamespace} describe svc {GatewayService}' for provisioning events, then run again.",
                SetupCodes.NoExternalAddress));
        }

        return _address = new GatewayAddress(Blank(ip), Blank(hostname));
    }

    /// <summary>Every nlb-dns subdomain of the cluster; <paramref name="refresh"/> asks IKS again.</summary>
    public async Task<IReadOnlyList<NlbDnsEntry>> NlbListAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (_nlb is not null && !refresh)
        {
            return _nlb;
        }

        var (iks, credential, cluster) = Iks();
        var result = await iks.ListNlbDnsAsync(credential, cluster, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new StepBlockedException(StepObservation.Blocked($"IKS: {result.Error.Message}", result.Error.Remedy, SetupCodes.Iks));
        }

        return _nlb = result.Value;
    }

    /// <summary>The registration of the gateway's address, or null; prefers one whose secret lands in the namespace the profile wants.</summary>
    public async Task<NlbDnsEntry?> GatewayRegistrationAsync(bool refresh, CancellationToken cancellationToken)
    {
        var address = await GatewayAddressAsync(cancellationToken);
        var entries = (await NlbListAsync(refresh, cancellationToken)).Where(e => !e.IsIngressSubdomain && Matches(e, address)).ToList();
        var wanted = DesiredSecretNamespace ?? "default";
        return entries.FirstOrDefault(e => string.Equals(e.SecretNamespace ?? "default", wanted, StringComparison.Ordinal)) ?? entries.FirstOrDefault();
    }

    /// <summary>The registration, or a block naming step 7.</summary>
    public async Task<NlbDnsEntry> RequireRegistrationAsync(CancellationToken cancellationToken) =>
        await GatewayRegistrationAsync(false, cancellationToken)
            ?? throw StepBlockedException.Prerequisite($"No nlb-dns subdomain is registered for the gateway's address {await GatewayAddressAsync(cancellationToken)}.", Steps.StepIds.NlbDns);

    /// <summary>
    /// Where IKS should write the nlb-dns certificate: istio-system in the Current profile (the Gateway's
    /// <c>credentialName</c> reads it there directly, and IKS renews it in place), IKS's default otherwise (as the seed).
    /// </summary>
    public string? DesiredSecretNamespace => context.Profile.IstioApi == IstioApi.Current ? GatewayNamespace : null;

    /// <summary>The gateway's public host name: the registration's subdomain.</summary>
    public async Task<string> GatewayHostAsync(CancellationToken cancellationToken) => (await RequireRegistrationAsync(cancellationToken)).Host;

    /// <summary>
    /// The host names the Gateway and its VirtualService answer for: any (<c>*</c>) in Legacy, as the seed; in Current
    /// the gateway's own nlb-dns name (the ALB's SNI) and the ALB's host (the Host header the ALB forwards).
    /// </summary>
    public async Task<IReadOnlyList<string>> GatewayHostsAsync(CancellationToken cancellationToken) =>
        context.Profile.IstioApi == IstioApi.Legacy ? ["*"] : [await GatewayHostAsync(cancellationToken), await AlbHostAsync(cancellationToken)];

    /// <summary>
    /// The secret the Current profile's Gateway names as its <c>credentialName</c>: the nlb-dns certificate secret's
    /// name (in istio-system, where IKS writes it or the setup copies it); null in Legacy, whose gateway mounts files.
    /// </summary>
    public async Task<string?> GatewayCredentialNameAsync(CancellationToken cancellationToken) =>
        context.Profile.IstioApi == IstioApi.Current ? (await RequireRegistrationAsync(cancellationToken)).CertificateSecretName : null;

    /// <summary>
    /// A secret the setup derives its own from (IKS's nlb-dns certificate secret, the ALB's Ingress secret), read at
    /// most once per execution like the other facts: step 8 reads the nlb-dns secret to see that it exists and step 9
    /// builds from that read moments later; detection's read of the ALB secret serves step 9 too. A missing secret is
    /// not remembered (step 8 polls for it), and a new execution (a resumed run, the poll after a wait) reads again.
    /// </summary>
    public async Task<JsonObject?> SourceSecretAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var key = $"{ns}/{name}";
        if (_sources.TryGetValue(key, out var known))
        {
            return known;
        }

        var live = await context.Cluster.GetAsync(ResourceKind.Secret, ns, name, cancellationToken);
        if (live is not null)
        {
            _sources[key] = live;
        }

        return live;
    }

    /// <summary>Remembers what profile detection read when the execution was opened: IKS's cluster facts, the ALB's secret.</summary>
    internal void Remember(DetectionReads reads)
    {
        _cluster ??= reads.Cluster;
        if (reads.AlbSecret is { } alb)
        {
            _sources[$"{alb.Namespace}/{alb.Name}"] = alb.Secret;
        }
    }

    /// <summary>The IKS client, credential and cluster, or a block saying what to configure.</summary>
    public (IIksClient Iks, IbmCredential Credential, string Cluster) Iks()
    {
        var clients = context.Clients;
        if (clients.IksCluster is null)
        {
            throw new StepBlockedException(StepObservation.Blocked($"Target {clients.Target.Id} has no IKS cluster name.", "Set the target's IKS cluster name (ibmcloud ks cluster ls shows it).", SetupCodes.Iks));
        }

        if (clients.Iks is null || clients.Credential is null)
        {
            throw new StepBlockedException(StepObservation.Blocked($"Target {clients.Target.Id} has no IBM Cloud API key.", "Set the target's API key (ibmcloud iam api-key-create), then run again.", SetupCodes.Iks));
        }

        return (clients.Iks, clients.Credential, clients.IksCluster);
    }

    private static bool Matches(NlbDnsEntry entry, GatewayAddress address) =>
        (address.Ip is not null && entry.Ips.Contains(address.Ip, StringComparer.Ordinal))
        || (address.Hostname is not null && string.Equals(entry.LbHostname, address.Hostname, StringComparison.OrdinalIgnoreCase));

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
