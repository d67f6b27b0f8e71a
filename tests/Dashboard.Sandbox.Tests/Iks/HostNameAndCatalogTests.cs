using Dashboard.Sandbox.Iks;
using Dashboard.Sandbox.Iks.Catalog;

namespace Dashboard.Sandbox.Tests.Iks;

public sealed class HostNameAndCatalogTests
{
    [Theory]
    [InlineData("mycluster", false, "mycluster")]
    [InlineData("a234567890123456789012345", false, "a234567890123456789012345")]
    [InlineData("a2345678901234567890123456", false, "a23456789012345678901234")]
    [InlineData("myveryverylongclusternameforsure", false, "myveryverylongclusternam")]
    public void ClusterPart_UniqueNames_AreKeptOrCutTo24(string name, bool duplicate, string expected)
    {
        Assert.Equal(expected, IksHostNames.ClusterPart(name, duplicate, "id"));
    }

    [Fact]
    public void ClusterPart_DuplicateNames_GetADashAndSixCharacters_AndLabelsStayWithin63()
    {
        Assert.Matches("^mycluster-[0-9a-f]{6}$", IksHostNames.ClusterPart("mycluster", true, "id1"));
        var longName = IksHostNames.ClusterPart("myveryverylongclusternameforsure", true, "id2");
        Assert.Matches("^myveryverylongclu-[0-9a-f]{6}$", longName);

        foreach (var part in new[] { longName, IksHostNames.ClusterPart("a2345678901234567890123456", false, "x"), IksHostNames.ClusterPart("a23456789012345678", true, "y") })
        {
            var host = IksHostNames.Subdomain(part, new string('a', 32), "us-south", 99, isPrivate: false);
            Assert.True(host.Split('.')[0].Length <= 63, host);
        }
    }

    [Fact]
    public void Subdomain_FollowsIbmsFormat_PublicAndPrivate()
    {
        Assert.Equal("c-85f044fc29ce613c264409c04a76c95d-0001.us-east.containers.appdomain.cloud", IksHostNames.Subdomain("c", "85f044fc29ce613c264409c04a76c95d", "us-east", 1, isPrivate: false));
        Assert.Equal("c-85f044fc29ce613c264409c04a76c95d-i012.us-east.containers.appdomain.cloud", IksHostNames.Subdomain("c", "85f044fc29ce613c264409c04a76c95d", "us-east", 12, isPrivate: true));
        Assert.Matches("^[0-9a-f]{32}$", IksHostNames.DnsHash(SandboxIksDefaults.AccountId));
    }

    [Fact]
    public void Catalog_BadConfiguration_ReportsEveryProblemAtOnce()
    {
        var options = new SandboxIksOptions
        {
            Accounts = [new SandboxIksAccountOptions { Id = "not-hex", ApiKeys = [new SandboxIksApiKeyOptions { Key = "k", Role = "Boss" }] }],
            Clusters =
            [
                new SandboxIksClusterOptions { Name = "Bad_Name" },
                new SandboxIksClusterOptions { Name = "ok", Provider = "satellite", Region = "mars", AlbIps = ["1.2.3"] },
            ],
        };

        var error = Assert.Throws<InvalidOperationException>(() => IksCatalog.Build(options));

        foreach (var named in new[] { "'not-hex'", "'Bad_Name'", "'satellite'", "'mars'", "'1.2.3'" })
        {
            Assert.True(error.Message.Contains(named, StringComparison.Ordinal), error.Message);
        }
    }

    [Fact]
    public void Catalog_Defaults_HaveTheSandboxAccountAndBothClusterTypes()
    {
        var catalog = IksCatalog.Build(new SandboxIksOptions());

        var identity = catalog.FindIdentity(SandboxIksDefaults.ApiKey);
        Assert.Equal(SandboxIksDefaults.AccountId, identity!.AccountId);
        Assert.Equal(IksRole.Viewer, catalog.FindIdentity(SandboxIksDefaults.ViewerApiKey)!.Role);
        Assert.Contains(catalog.Clusters, c => c.Name == "sandbox" && !c.IsVpc && c.Bound);
        Assert.Contains(catalog.Clusters, c => c.Name == "sandbox-vpc" && c.IsVpc && !c.Bound);
        Assert.Null(catalog.FindIdentity("sandbox-api-key "));
    }
}
