using Dashboard.Sandbox.Iks;

namespace Dashboard.Sandbox.Tests.Iks;

/// <summary>One sandbox shared by the tests that only add their own registrations (faults and clock tests start their own).</summary>
public sealed class IksSandboxFixture : IAsyncLifetime
{
    private IksSandbox? _sandbox;

    public IksSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("Not started.");

    /// <summary>A second account with a cluster of the same name in the same region (IBM then suffixes the subdomain name).</summary>
    public const string OtherApiKey = "other-account-api-key";

    public const string OtherAccountId = "0123456789abcdef0123456789abcdef";

    public async Task InitializeAsync() => _sandbox = await IksSandbox.StartAsync(configure: options =>
    {
        options.Accounts.Add(new SandboxIksAccountOptions
        {
            Id = OtherAccountId,
            Name = "Other",
            Owner = "other@example.com",
            ApiKeys = [new SandboxIksApiKeyOptions { Key = OtherApiKey, Role = "Editor" }],
        });
        options.Clusters.Add(new SandboxIksClusterOptions { Name = "sandbox", Id = "otherclusterid000000", AccountId = OtherAccountId, AlbIps = ["169.60.1.1"] });
    });

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class IksSandboxCollection : ICollectionFixture<IksSandboxFixture>
{
    public const string Name = "IKS sandbox";
}
