using Dashboard.Core.Ibm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Ibm;

public sealed class IbmOptionsTests
{
    [Fact]
    public void Defaults_PointAtIbmCloud_AndAreValid()
    {
        var options = new IbmOptions();

        Assert.Equal("https://containers.cloud.ibm.com/global", options.ApiBaseUrl);
        Assert.Equal("https://iam.cloud.ibm.com/identity/token", options.IamTokenUrl);
        Assert.True(new IbmOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void LoopbackHttp_IsAllowedForTheSandbox()
    {
        var options = new IbmOptions { ApiBaseUrl = "http://127.0.0.1:5123/global", IamTokenUrl = "http://localhost:5123/identity/token" };

        Assert.True(new IbmOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void BadValues_AreAllReportedAtOnce()
    {
        var options = new IbmOptions
        {
            ApiBaseUrl = "containers.cloud.ibm.com",
            IamTokenUrl = "http://iam.example.com/identity/token",
            AttemptTimeout = TimeSpan.FromMinutes(5),
            TotalTimeout = TimeSpan.FromMinutes(1),
            MaxRetries = -1,
            RetryBaseDelay = TimeSpan.Zero,
        };

        var result = new IbmOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        foreach (var named in new[] { "Ibm:ApiBaseUrl", "Ibm:IamTokenUrl", "plain http", "Ibm:AttemptTimeout", "Ibm:MaxRetries", "Ibm:RetryBaseDelay" })
        {
            Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AddIbmCloud_WithBadConfiguration_FailsValidationNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ibm:ApiBaseUrl"] = "ftp://nope" }).Build();
        using var services = new ServiceCollection().AddLogging().AddIbmCloud(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IbmOptions>>().Value);

        Assert.Contains("Ibm:ApiBaseUrl 'ftp://nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIbmCloud_RegistersTheClientsAndASingletonTokenCache()
    {
        using var services = new ServiceCollection().AddLogging().AddIbmCloud(new ConfigurationBuilder().Build()).BuildServiceProvider();

        Assert.NotNull(services.GetRequiredService<IIksClient>());
        Assert.Same(services.GetRequiredService<Dashboard.Core.Ibm.Iam.IIamTokenProvider>(), services.GetRequiredService<Dashboard.Core.Ibm.Iam.IIamTokenProvider>());
    }
}
