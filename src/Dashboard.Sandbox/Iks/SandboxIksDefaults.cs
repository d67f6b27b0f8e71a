namespace Dashboard.Sandbox.Iks;

/// <summary>The default sandbox account and clusters: well known, so anyone can call the simulator with curl.</summary>
public static class SandboxIksDefaults
{
    /// <summary>The sandbox API key (Administrator on the sandbox account's clusters).</summary>
    public const string ApiKey = "sandbox-api-key";

    /// <summary>A key whose identity has only the Viewer role: reads work, nlb-dns changes get 403.</summary>
    public const string ViewerApiKey = "sandbox-viewer-api-key";

    /// <summary>The sandbox account's ID.</summary>
    public const string AccountId = "5a4db0c5e0a74f0f9d3b8c2a1e6f7d90";

    /// <summary>The sandbox account's name.</summary>
    public const string AccountName = "Sandbox";

    /// <summary>The sandbox account's owner.</summary>
    public const string Owner = "sandbox.owner@example.com";

    /// <summary>The classic cluster bound to the sandbox Kubernetes cluster.</summary>
    public const string ClusterName = "sandbox";

    /// <summary>Its ID (the sandbox Kubernetes cluster's ALB is named <c>public-cr&lt;ID&gt;-alb1</c> after it).</summary>
    public const string ClusterId = "sandbox00000000000";

    /// <summary>A VPC cluster of the same account, not bound to any Kubernetes cluster by default.</summary>
    public const string VpcClusterName = "sandbox-vpc";

    /// <summary>The VPC cluster's ID.</summary>
    public const string VpcClusterId = "sandboxvpc000000000";

    /// <summary>The default region.</summary>
    public const string Region = "us-south";

    /// <summary>The classic ALB's public IP: what the Ingress subdomain resolves to.</summary>
    public const string AlbIp = "169.46.52.20";

    /// <summary>The VPC ALB's load balancer host name.</summary>
    public const string VpcAlbHostname = "5e8a7c1f-us-south.lb.appdomain.cloud";

    internal static SandboxIksAccountOptions Account() => new()
    {
        Id = AccountId,
        Name = AccountName,
        Owner = Owner,
        ApiKeys =
        [
            new SandboxIksApiKeyOptions { Key = ApiKey, Role = "Administrator" },
            new SandboxIksApiKeyOptions { Key = ViewerApiKey, Role = "Viewer", Owner = "sandbox.viewer@example.com" },
        ],
    };

    internal static IEnumerable<SandboxIksClusterOptions> Clusters()
    {
        yield return new SandboxIksClusterOptions { Name = ClusterName, Id = ClusterId, AccountId = AccountId, Region = Region, Provider = "classic", BindToKubernetes = true, AlbIps = [AlbIp] };
        yield return new SandboxIksClusterOptions { Name = VpcClusterName, Id = VpcClusterId, AccountId = AccountId, Region = Region, Provider = "vpc-gen2", AlbHostname = VpcAlbHostname };
    }
}
