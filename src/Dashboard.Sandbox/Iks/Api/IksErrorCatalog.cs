namespace Dashboard.Sandbox.Iks.Api;

/// <summary>
/// Every IKS error the simulator answers with. Confirmed by recorded real responses: <c>G0004</c> (unknown cluster,
/// 404), <c>A0003</c> (token not verifiable, 401) and <c>E0024</c> (Ingress secret not found, 404). The other codes,
/// and the statuses of the validation errors, are UNCONFIRMED: IBM documents neither, so they are chosen to look like
/// IKS's and kept together here to be corrected in one place (indexed, with the other UNCONFIRMED choices, in <see cref="IksUnconfirmed"/>).
/// </summary>
internal static class IksErrorCatalog
{
    public static IksApiError ClusterNotFound() => new(404, "G0004",
        "The specified cluster could not be found. If applicable, make sure that you target the correct account and resource group.",
        "General",
        "To list the clusters you have access to, run 'ibmcloud ks cluster ls'. To list the resource groups that you have access to, run 'ibmcloud resource groups'. To target the resource group, run 'ibmcloud target -g <resource_group>'.");

    public static IksApiError InvalidToken() => new(401, "A0003",
        "Your IAM token could not be verified. To retrieve your access tokens, run 'ibmcloud iam oauth-tokens'. Then use the IAM token for the Authorization header.",
        "Authentication",
        "To log in to IBM Cloud, run 'ibmcloud login'.");

    public static IksApiError SecretNotFound() => new(404, "E0024",
        "The specified Ingress secret name is not found for this cluster.",
        "ALBSecret",
        "To list the Ingress secrets for a cluster, run 'ibmcloud ks ingress secret ls -c <cluster>'.");

    // UNCONFIRMED from here on.
    public static IksApiError Forbidden(string action, string role, string cluster) => new(403, "A0006",
        $"You are not authorized to complete this action. The action '{action}' requires the '{role}' platform access role for cluster '{cluster}'.",
        "Authorization",
        "To check your access, run 'ibmcloud iam user-policies <user>'. Ask the account administrator to assign you the required platform access role for the cluster.");

    public static IksApiError MalformedJson() => new(400, "E0001",
        "The request body could not be parsed. Make sure that it is valid JSON.",
        "General");

    public static IksApiError MissingField(string field) => new(400, "E0002",
        $"The required parameter '{field}' is missing or empty.",
        "General");

    public static IksApiError InvalidField(string field, string value, string expected) => new(400, "E0003",
        $"The value '{value}' for parameter '{field}' is not valid. {expected}",
        "General");

    public static IksApiError WrongProvider(string cluster, bool clusterIsVpc) => new(400, "E0004",
        clusterIsVpc
            ? $"Cluster '{cluster}' is a VPC cluster. This action is supported only for classic clusters."
            : $"Cluster '{cluster}' is a classic cluster. This action is supported only for VPC clusters.",
        "General",
        clusterIsVpc
            ? "To create a subdomain for a VPC load balancer, run 'ibmcloud ks nlb-dns create vpc-gen2 --cluster <cluster> --lb-host <hostname>'."
            : "To create a subdomain for a classic load balancer, run 'ibmcloud ks nlb-dns create classic --cluster <cluster> --ip <IP>'.");

    public static IksApiError SubdomainNotFound(string subdomain) => new(404, "E0082",
        $"The specified NLB subdomain '{subdomain}' could not be found for this cluster.",
        "NLBDNS",
        "To list the NLB subdomains for a cluster, run 'ibmcloud ks nlb-dns ls --cluster <cluster>'.");

    public static IksApiError IpNotRegistered(string ip, string subdomain) => new(404, "E0083",
        $"The IP address '{ip}' is not registered with the NLB subdomain '{subdomain}'.",
        "NLBDNS",
        "To list the IP addresses of the NLB subdomains, run 'ibmcloud ks nlb-dns ls --cluster <cluster>'.");

    public static IksApiError AlreadyRegistered(string target, string subdomain) => new(409, "E0084",
        $"'{target}' is already registered with the NLB subdomain '{subdomain}'.",
        "NLBDNS",
        "To add an IP address to an existing subdomain, run 'ibmcloud ks nlb-dns add --cluster <cluster> --ip <IP> --nlb-host <subdomain>'.");

    public static IksApiError IngressSubdomainProtected(string subdomain) => new(400, "E0085",
        $"The Ingress subdomain '{subdomain}' is managed by IBM and cannot be removed.",
        "NLBDNS");

    public static IksApiError PrivateNotSupported() => new(400, "E0086",
        "You currently cannot create subdomains for private NLBs in classic clusters.",
        "NLBDNS");

    public static IksApiError LimitReached(int limit) => new(409, "E0087",
        $"The cluster already has the maximum of {limit} NLB subdomains.",
        "NLBDNS",
        "Remove subdomains that you no longer use, or open a support case to raise the limit.");

    public static IksApiError RouteNotFound(string path) => new(404, "E0009",
        $"The requested resource '{path}' was not found.",
        "General");

    public static IksApiError Injected(int status, int retryAfterSeconds) => status switch
    {
        429 => new(429, "E0429", "Too many requests. Wait and try again.", "RateLimit") { RetryAfterSeconds = retryAfterSeconds },
        503 => new(503, "E0503", "The service is temporarily unavailable. Try again later.", "General") { RetryAfterSeconds = retryAfterSeconds },
        _ => new(status, "E0500", "An internal error occurred. Try again later.", "General"),
    };
}
