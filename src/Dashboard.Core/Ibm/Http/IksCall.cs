namespace Dashboard.Core.Ibm.Http;

/// <summary>One IKS API call: what it is called in messages, whom it concerns, the role it needs, and whether it may be retried.</summary>
/// <param name="Operation">A short name for messages, e.g. <c>register nlb-dns (classic)</c>.</param>
/// <param name="Cluster">The cluster name or ID as the caller gave it.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path below the API base URL, e.g. <c>/v2/getCluster?cluster=x</c>.</param>
/// <param name="Body">The JSON body, or null.</param>
/// <param name="Idempotent">True when repeating the call cannot do harm, so transient failures are retried automatically.</param>
/// <param name="RequiredRole">The IAM platform role the call needs, named in 403 messages.</param>
/// <param name="ClusterIsTheOnlyResource">True when a 404 can only mean the cluster is unknown.</param>
internal sealed record IksCall(
    string Operation,
    string Cluster,
    HttpMethod Method,
    string PathAndQuery,
    object? Body,
    bool Idempotent,
    string RequiredRole,
    bool ClusterIsTheOnlyResource);
