using System.Text.RegularExpressions;

namespace Dashboard.Core.Setup;

/// <summary>
/// What the setup creates and where, with the seed's defaults. The gateway workload (istio-system,
/// istio-ingressgateway, <c>istio=ingressgateway</c>) is the installation's, not a parameter.
/// </summary>
public sealed partial record SetupParameters
{
    /// <summary>The seed's defaults.</summary>
    public static SetupParameters Default { get; } = new();

    /// <summary>The namespace for httpbin (seed: <c>httptools</c>).</summary>
    public string Namespace { get; init; } = "httptools";

    /// <summary>The path prefix routed to httpbin (seed: <c>/status</c>).</summary>
    public string RoutePrefix { get; init; } = "/status";

    /// <summary>The first label of the ALB host name, <c>&lt;label&gt;.&lt;ALB domain&gt;</c> (seed: <c>httpbin</c>).</summary>
    public string HttpbinHostLabel { get; init; } = "httpbin";

    /// <summary>The Gateway's name (seed: <c>default-ingress-gateway</c>).</summary>
    public string GatewayName { get; init; } = "default-ingress-gateway";

    /// <summary>The VirtualService's name (seed: <c>default-ingress</c>).</summary>
    public string VirtualServiceName { get; init; } = "default-ingress";

    /// <summary>The ALB Ingress's name (seed: <c>alb-ingress</c>).</summary>
    public string IngressName { get; init; } = "alb-ingress";

    /// <summary>The ALB's upstream-TLS secret (seed: <c>alb-certs</c>).</summary>
    public string AlbSecretName { get; init; } = "alb-certs";

    /// <summary>Every problem, each naming the field and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Label(problems, "namespace", Namespace);
        Label(problems, "httpbinHostLabel", HttpbinHostLabel);
        Subdomain(problems, "gatewayName", GatewayName);
        Subdomain(problems, "virtualServiceName", VirtualServiceName);
        Subdomain(problems, "ingressName", IngressName);
        Subdomain(problems, "albSecretName", AlbSecretName);
        if (string.IsNullOrEmpty(RoutePrefix) || RoutePrefix[0] != '/' || !PathPattern().IsMatch(RoutePrefix))
        {
            problems.Add($"routePrefix '{RoutePrefix}' must start with '/' and contain only URL path characters (letters, digits, '/', '-', '_', '.', '~'), e.g. /status.");
        }

        if (SystemNamespaceReason(Namespace) is { } reason)
        {
            problems.Add($"namespace '{Namespace}' is a system namespace ({reason}); httpbin gets a namespace of its own (e.g. httptools).");
        }

        return problems;
    }

    /// <summary>
    /// Why a namespace belongs to the platform (Kubernetes, IKS, Istio, OpenShift, the cluster network), or null. The
    /// setup labels its namespace for sidecar injection and may delete it on cleanup: neither may touch these.
    /// </summary>
    public static string? SystemNamespaceReason(string? name) => name switch
    {
        null => null,
        "default" => "IKS keeps its certificate secrets there, and everything created without a namespace lands there",
        _ when name.StartsWith("kube-", StringComparison.Ordinal) => "Kubernetes reserves kube-* namespaces for its own components",
        _ when name.StartsWith("ibm-", StringComparison.Ordinal) => "IKS runs its own components in ibm-* namespaces (ibm-system, ibm-cert-store, ibm-operators…)",
        _ when name.StartsWith("istio-", StringComparison.Ordinal) => "Istio's control plane and gateways live in istio-* namespaces",
        "openshift" => "Red Hat OpenShift keeps its platform in openshift and openshift-* namespaces",
        _ when name.StartsWith("openshift-", StringComparison.Ordinal) => "Red Hat OpenShift keeps its platform in openshift and openshift-* namespaces",
        "calico-system" or "calico-apiserver" or "tigera-operator" => "the cluster's network (Calico) runs there",
        _ => null,
    };

    private static void Label(List<string> problems, string field, string value)
    {
        if (value is not { Length: > 0 and <= 63 } || !LabelPattern().IsMatch(value))
        {
            problems.Add($"{field} '{value}' is not a DNS-1123 label: use 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit.");
        }
    }

    private static void Subdomain(List<string> problems, string field, string value)
    {
        if (value is not { Length: > 0 and <= 253 } || !SubdomainPattern().IsMatch(value))
        {
            problems.Add($"{field} '{value}' is not a DNS-1123 name: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex(@"^/[A-Za-z0-9/_.~-]*$")]
    private static partial Regex PathPattern();
}
