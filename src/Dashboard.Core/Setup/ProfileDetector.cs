using System.Text.Json.Nodes;
using Dashboard.Certificates.Parsing;
using Dashboard.Core.Ibm;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Targets;

namespace Dashboard.Core.Setup;

/// <summary>
/// Detects the profile from what the cluster and IKS show, with the evidence in words: the Istio API from the served
/// API groups (the CRDs' served versions), the ALB flavour from IngressClasses and the ALB deployments in kube-system,
/// the client certificate source from the ALB certificate's extended key usage, the cluster type from IKS. Overrides
/// win; an override to IksAlbCertificate for a certificate without clientAuth is reported as refused (step 9 blocks).
/// </summary>
public static class ProfileDetector
{
    private static readonly string[] s_networkingOrder = ["v1", "v1beta1", "v1alpha3"];
    private static readonly string[] s_securityOrder = ["v1", "v1beta1"];

    /// <summary>
    /// Detects the profile of <paramref name="clients"/>' cluster and applies <paramref name="overrides"/>; also returns
    /// what it read that the steps use too: IKS's cluster facts and the ALB's Ingress secret (never shown).
    /// </summary>
    internal static async Task<(ProfileDetection Detection, DetectionReads Reads)> DetectWithReadsAsync(TargetClients clients, ProfileOverrides overrides, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(overrides);
        var api = new ClusterApi(clients.Kubernetes);
        var warnings = new List<string>();
        var groups = await api.ServedGroupsAsync(cancellationToken);
        var (istio, istioEvidence, apis) = await IstioAsync(api, groups, warnings, cancellationToken);
        var (alb, albEvidence, className) = await AlbAsync(api, groups, cancellationToken);
        apis = apis with { IngressClassName = className };
        var (clusterType, typeEvidence, cluster) = await ClusterTypeAsync(clients, cancellationToken);
        var (source, sourceEvidence, lacksClientAuth, albSecret) = await ClientCertificateAsync(api, cluster, cancellationToken);

        var istioChoice = Choose(istio, overrides.IstioApi, istioEvidence, IstioApi.Current);
        if (istioChoice.Value == IstioApi.Legacy)
        {
            apis = apis with { Networking = groups.TryGetValue("networking.istio.io", out var served) && served.Contains("v1alpha3") ? "v1alpha3" : apis.Networking };
        }

        var sourceChoice = Choose(source, overrides.ClientCertificate, sourceEvidence);
        if (sourceChoice.Value == ClientCertificateSource.IksAlbCertificate && lacksClientAuth)
        {
            warnings.Add($"IksAlbCertificate is refused: the ALB's certificate lacks the clientAuth extended key usage, so the gateway would reject it as a client certificate. Use PrivateCa; step {Steps.SetupSteps.NumberOf(Steps.StepIds.Secrets)} blocks until then.");
        }

        var albChoice = Choose(alb, overrides.AlbFlavour, albEvidence, AlbFlavour.IngressNginx);
        var typeChoice = Choose(clusterType, overrides.ClusterType, typeEvidence, ClusterType.Classic);
        var profile = new SetupProfile(istioChoice.Value, albChoice.Value, sourceChoice.Value, typeChoice.Value) { Apis = apis };
        var detection = new ProfileDetection(istioChoice, albChoice, sourceChoice, typeChoice, profile, warnings);
        return (detection, new DetectionReads(cluster, albSecret is null ? null : ("default", cluster!.IngressSecretName!, albSecret)));
    }

    internal static async Task<(IstioApi?, List<string>, ServedApis)> IstioAsync(ClusterApi api, IReadOnlyDictionary<string, IReadOnlyList<string>> groups, List<string> warnings, CancellationToken cancellationToken)
    {
        var evidence = new List<string>();
        var networking = groups.TryGetValue("networking.istio.io", out var n) ? s_networkingOrder.FirstOrDefault(n.Contains) : null;
        var security = groups.TryGetValue("security.istio.io", out var s) ? s_securityOrder.FirstOrDefault(s.Contains) : null;
        var ingress = groups.TryGetValue("networking.k8s.io", out var k) && k.Contains("v1") ? "networking.k8s.io/v1"
            : k?.Contains("v1beta1") == true ? "networking.k8s.io/v1beta1"
            : groups.TryGetValue("extensions", out var e) && e.Contains("v1beta1") ? "extensions/v1beta1" : "networking.k8s.io/v1";
        evidence.Add(networking is null ? "networking.istio.io is not served: Istio is not installed." : $"networking.istio.io serves {string.Join(", ", n!)}; objects are written as {networking}.");
        evidence.Add($"Ingress is written as {ingress}.");
        IstioApi? detected = null;
        var servesPolicy = groups.TryGetValue("authentication.istio.io", out var a) && a.Contains("v1alpha1");
        if (security is not null && servesPolicy && !await api.ServesResourceAsync("security.istio.io", security, "peerauthentications", cancellationToken))
        {
            evidence.Add($"security.istio.io/{security} is served without PeerAuthentication (AuthorizationPolicy only) and authentication.istio.io/v1alpha1 (Policy) is served: Istio 1.4, file-mounted gateway certificates.");
            security = null;
            detected = IstioApi.Legacy;
        }
        else if (security is not null)
        {
            evidence.Add($"security.istio.io serves {string.Join(", ", s!)} (PeerAuthentication, written as {security}): Istio 1.5 or later.");
            detected = IstioApi.Current;
        }
        else if (servesPolicy)
        {
            evidence.Add("authentication.istio.io/v1alpha1 (Policy) is served and security.istio.io is not: Istio 1.4 or earlier, file-mounted gateway certificates.");
            detected = IstioApi.Legacy;
        }
        else
        {
            warnings.Add("Neither security.istio.io nor authentication.istio.io is served: is Istio installed? Choose the Istio API explicitly.");
        }

        return (detected, evidence, new ServedApis(networking ?? "v1alpha3", security, ingress, null));
    }

    internal static async Task<(AlbFlavour?, List<string>, string?)> AlbAsync(ClusterApi api, IReadOnlyDictionary<string, IReadOnlyList<string>> groups, CancellationToken cancellationToken)
    {
        var evidence = new List<string>();
        string? className = null;
        if (groups.TryGetValue("networking.k8s.io", out var versions) && versions.Contains("v1"))
        {
            var classes = await api.ListAsync(ResourceKind.IngressClass, null, null, cancellationToken);
            var nginx = classes.FirstOrDefault(c => Text(c["spec"]?["controller"]).Contains("nginx", StringComparison.OrdinalIgnoreCase) && Text(c["metadata"]?["name"]).StartsWith("public", StringComparison.Ordinal))
                ?? classes.FirstOrDefault(c => Text(c["spec"]?["controller"]).Contains("nginx", StringComparison.OrdinalIgnoreCase));
            if (nginx is not null)
            {
                className = Text(nginx["metadata"]?["name"]);
                evidence.Add($"IngressClass {className} (controller {Text(nginx["spec"]?["controller"])}) belongs to the community ingress-nginx ALB.");
            }
            else
            {
                evidence.Add(classes.Count == 0 ? "No IngressClass exists (the IBM Ingress ALB predates IngressClasses)." : $"IngressClasses {string.Join(", ", classes.Select(c => Text(c["metadata"]?["name"])))} are not ingress-nginx's.");
            }
        }

        var albs = (await api.ListAsync(ResourceKind.Deployment, "kube-system", null, cancellationToken))
            .Where(d => Text(d["metadata"]?["name"]).Contains("-alb", StringComparison.Ordinal)).ToList();
        var images = albs.SelectMany(d => d["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? []).Select(c => Text(c?["image"])).ToList();
        foreach (var deployment in albs)
        {
            evidence.Add($"ALB deployment kube-system/{Text(deployment["metadata"]?["name"])} runs {string.Join(", ", (deployment["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? []).Select(c => Text(c?["image"])))}.");
        }

        if (className is not null || images.Any(i => i.Contains("ingress-nginx", StringComparison.Ordinal)))
        {
            return (AlbFlavour.IngressNginx, evidence, className);
        }

        if (images.Any(i => i.Contains("nginx-ingress", StringComparison.Ordinal) || i.Contains("armada", StringComparison.Ordinal)))
        {
            evidence.Add("That is the legacy IBM Ingress image (ingress.bluemix.net annotations).");
            return (AlbFlavour.IbmIngress, evidence, null);
        }

        evidence.Add("No ALB deployment was recognised.");
        return (null, evidence, className);
    }

    private static async Task<(ClusterType?, List<string>, ClusterInfo?)> ClusterTypeAsync(TargetClients clients, CancellationToken cancellationToken)
    {
        if (clients.Iks is null || clients.Credential is null || clients.IksCluster is null)
        {
            return (null, ["IKS is not configured for this target (API key or cluster name missing)."], null);
        }

        var cluster = await clients.Iks.GetClusterAsync(clients.Credential, clients.IksCluster, cancellationToken);
        if (!cluster.IsSuccess)
        {
            return (null, [$"IKS get cluster failed: {cluster.Error.Message}"], null);
        }

        var type = cluster.Value.Type == ClusterType.Unknown ? (ClusterType?)null : cluster.Value.Type;
        return (type, [$"IKS reports cluster {cluster.Value.Name} with provider '{cluster.Value.Provider}' in {cluster.Value.Region}."], cluster.Value);
    }

    private static async Task<(ClientCertificateSource?, List<string>, bool LacksClientAuth, JsonObject? Secret)> ClientCertificateAsync(ClusterApi api, ClusterInfo? cluster, CancellationToken cancellationToken)
    {
        if (cluster?.IngressSecretName is not { Length: > 0 } name)
        {
            return (ClientCertificateSource.PrivateCa, ["The ALB's Ingress secret is not known (IKS unavailable); a private CA works with any ALB certificate."], false, null);
        }

        var secret = await api.GetAsync(ResourceKind.Secret, "default", name, cancellationToken);
        var pem = secret?["data"]?["tls.crt"]?.GetValue<string>() is { } data ? Convert.FromBase64String(data) : null;
        var entries = pem is null ? null : PemBundle.Parse(pem).Entries;
        var leaf = entries is { Count: > 0 } ? entries[0].Summary : null;
        if (leaf is null)
        {
            return (ClientCertificateSource.PrivateCa, [$"The ALB's Ingress secret default/{name} has no readable certificate; a private CA issues the client certificate."], false, secret);
        }

        var ekus = leaf.ExtendedKeyUsages is null ? "none (every purpose)" : string.Join(", ", leaf.ExtendedKeyUsageNames);
        return leaf.AllowsClientAuth
            ? (ClientCertificateSource.IksAlbCertificate, [$"The ALB's certificate {leaf.Subject} (issuer {leaf.Issuer}) allows client authentication (extended key usages: {ekus}); it can be the client certificate, as in the seed."], false, secret)
            : (ClientCertificateSource.PrivateCa, [$"The ALB's certificate {leaf.Subject} (issuer {leaf.Issuer}) has extended key usages {ekus} but not clientAuth (Let's Encrypt stopped issuing it in 2026): the gateway would refuse it as a client certificate, so a dashboard-managed private CA issues one."], true, secret);
    }

    private static ProfileChoice<T> Choose<T>(T? detected, T? chosen, List<string> evidence, T fallback = default)
        where T : struct =>
        new(chosen ?? detected ?? fallback, detected, chosen is not null, evidence);

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}

/// <summary>What detection read that the steps of the same execution use as well (instead of asking again).</summary>
/// <param name="Cluster">IKS's cluster facts, when IKS answered.</param>
/// <param name="AlbSecret">The ALB's Ingress secret, when it exists.</param>
internal sealed record DetectionReads(ClusterInfo? Cluster, (string Namespace, string Name, JsonObject Secret)? AlbSecret);
