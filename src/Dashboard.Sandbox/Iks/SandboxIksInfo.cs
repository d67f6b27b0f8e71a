namespace Dashboard.Sandbox.Iks;

/// <summary>An account of the simulator, as <c>GET /api/sandbox</c> shows it.</summary>
/// <param name="Id">The account ID.</param>
/// <param name="Name">The account name.</param>
/// <param name="Owner">The API key owner's e-mail.</param>
public sealed record SandboxIksAccountInfo(string Id, string Name, string Owner);

/// <summary>A cluster of the simulator.</summary>
/// <param name="Name">The cluster name.</param>
/// <param name="Id">The cluster ID.</param>
/// <param name="Provider"><c>classic</c> or <c>vpc-gen2</c>.</param>
/// <param name="Region">The region.</param>
/// <param name="AccountId">The owning account.</param>
/// <param name="BoundToKubernetes">Whether its certificate secrets are written into the bound Kubernetes cluster.</param>
/// <param name="IngressSubdomain">Its Ingress subdomain (<c>-0000</c>).</param>
public sealed record SandboxIksClusterInfo(string Name, string Id, string Provider, string Region, string AccountId, bool BoundToKubernetes, string IngressSubdomain);
