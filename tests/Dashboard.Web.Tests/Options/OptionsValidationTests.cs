using Dashboard.Core.Storage;
using Dashboard.Web.Options;
using Dashboard.Web.Testing;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Options;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("short", "Auth:AdminPassword is too short")]
    [InlineData(null, null)]
    [InlineData("a-long-enough-password", null)]
    public void AuthValidator_AdminPassword_ChecksLength(string? password, string? expected)
    {
        var result = new AuthOptionsValidator().Validate(null, new AuthOptions { AdminPassword = password });
        AssertResult(result, expected);
    }

    [Fact]
    public void AuthValidator_ShortBootstrapTokenAndBadLifetime_ReportsBoth()
    {
        var result = new AuthOptionsValidator().Validate(null, new AuthOptions { BootstrapApiToken = "abc", SessionLifetime = TimeSpan.FromSeconds(1) });
        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
    }

    [Theory]
    [InlineData(0, "Jobs:WorkerCount is 0")]
    [InlineData(65, "Jobs:WorkerCount is 65")]
    [InlineData(4, null)]
    public void JobsValidator_WorkerCount_MustBeInRange(int workers, string? expected) =>
        AssertResult(new JobsOptionsValidator().Validate(null, new JobsOptions { WorkerCount = workers }), expected);

    [Theory]
    [InlineData("text", null)]
    [InlineData("JSON", null)]
    [InlineData("xml", "Logging:Format is 'xml'")]
    public void LoggingValidator_Format_TextOrJson(string format, string? expected) =>
        AssertResult(new LoggingOptionsValidator().Validate(null, new LoggingOptions { Format = format }), expected);

    [Theory]
    [InlineData("", null, "Storage:DataDirectory is empty")]
    [InlineData("./data", "not a connection string", "ConnectionStrings:Dashboard is not a PostgreSQL connection string")]
    [InlineData("./data", "Host=127.0.0.1;Database=x;Username=u", null)]
    public void StorageValidator_ChecksDirectoryAndConnectionString(string directory, string? connection, string? expected) =>
        AssertResult(new StorageOptionsValidator().Validate(null, new StorageOptions { DataDirectory = directory, PostgresConnectionString = connection }), expected);

    [Fact]
    public void StorageValidator_Error_NeverEchoesThePassword()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { PostgresConnectionString = "Password=hunter2-secret;Nonsense" });
        Assert.True(result.Failed);
        Assert.DoesNotContain("hunter2-secret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_SeveralInvalidSections_ReportsEveryErrorAtOnceAndStartsNothing()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => DashboardHost.StartAsync(new Dictionary<string, string?>
        {
            ["Jobs:WorkerCount"] = "0",
            ["Logging:Format"] = "xml",
            ["Auth:AdminPassword"] = "short",
        }));

        var errors = DashboardApp.ConfigurationErrors(ex);
        Assert.Contains(errors, e => e.Contains("Jobs:WorkerCount", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Logging:Format", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Auth:AdminPassword", StringComparison.Ordinal));
    }

    private static void AssertResult(ValidateOptionsResult result, string? expected)
    {
        if (expected is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            Assert.True(result.Failed);
            Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
