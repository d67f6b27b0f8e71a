using System.Net;

namespace Dashboard.Sandbox.Iks.Catalog;

/// <summary>IAM platform roles, in increasing power.</summary>
internal enum IksRole
{
    Viewer = 1,
    Operator = 2,
    Editor = 3,
    Administrator = 4,
}

/// <summary>An account: its ID, name, owner and the hash in its subdomains.</summary>
internal sealed record IksAccount(string Id, string Name, string Owner, string DnsHash);

/// <summary>An API key's identity (the key itself is only kept hashed).</summary>
internal sealed record IksIdentity(string KeyId, string AccountId, IksRole Role, string Owner)
{
    public string IamId => "IBMid-sandbox-" + KeyId[..12];
}

/// <summary>A cluster as the simulator serves it; <c>SubdomainName</c> is the cluster-name part of its subdomains (truncated or suffixed per IBM's rules).</summary>
internal sealed record IksCluster(
    string Id,
    string Name,
    string AccountId,
    string Region,
    bool IsVpc,
    bool Bound,
    IReadOnlyList<IPAddress> AlbIps,
    string? AlbHostname,
    string MasterKubeVersion,
    string SubdomainName)
{
    public string Provider => IsVpc ? "vpc-gen2" : "classic";
}
