using Dashboard.Web.Logging;
using Dashboard.Web.Testing;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;

// Lower-case and snake-case placeholders are part of what the redactor must handle.
#pragma warning disable CA1727

namespace Dashboard.Web.Tests.Logging;

public sealed partial class RedactionTests
{
    private const string Password = "Tr0ub4dor&3-horse";
    private const string Token = "dsh_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    private const string ApiKey = "ibm-apikey-0123456789abcdefXYZ";

    // Built at run time so that no file in the repository contains a PEM private key.
    private static readonly string s_pemKey = "-----BEGIN " + "PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nSECRETKEYMATERIAL\n-----END " + "PRIVATE KEY-----";

    private static (Microsoft.Extensions.Logging.ILogger Logger, CapturedLogs Logs) CreateLogger()
    {
        var logs = new CapturedLogs();
        var serilog = new LoggerConfiguration().MinimumLevel.Verbose().Enrich.FromLogContext().Enrich.With<SensitiveDataRedactor>().WriteTo.Sink(logs).CreateLogger();
        var factory = new SerilogLoggerFactory(serilog, dispose: true);
        return (factory.CreateLogger("test"), logs);
    }

    public static TheoryData<string, Action<Microsoft.Extensions.Logging.ILogger>> Cases => new()
    {
        { Password, l => l.LogInformation("Signing in with {Password}", Password) },
        { Password, l => l.LogInformation("Connecting with {DbPassword}", Password) },
        { Token, l => l.LogInformation("Created {Token}", Token) },
        { Token, l => l.LogInformation("Got {AccessToken} for the API", Token) },
        { Token, l => l.LogInformation("Header {Authorization}", "Bearer " + Token) },
        { Token, l => l.LogInformation("Raw header line {Header}", "Authorization: Bearer " + Token) },
        { ApiKey, l => l.LogInformation("Exchanging {ApiKey}", ApiKey) },
        { ApiKey, l => l.LogInformation("Exchanging {api_key}", ApiKey) },
        { ApiKey, l => l.LogInformation("Exchanging {apikey}", ApiKey) },
        { ApiKey, l => l.LogInformation("Client {ClientSecret}", ApiKey) },
        { "SECRETKEYMATERIAL", l => l.LogInformation("Secret body {Body}", s_pemKey) },
        { "SECRETKEYMATERIAL", l => l.LogInformation("Secret body {Body}", "prefix " + s_pemKey[..60]) },
        { "SECRETKEYMATERIAL", l => l.LogInformation("Key {PrivateKey}", s_pemKey) },
        { Password, l => l.LogInformation("Request {@Request}", new { User = "bob", Password }) },
        { ApiKey, l => l.LogInformation("Target {@Target}", new { Name = "prod", Credentials = new { ApiKey } }) },
        { Token, l => l.LogInformation("Tokens {@Tokens}", new[] { new { Token } }) },
        { Password, l => l.LogInformation("Settings {@Settings}", new Dictionary<string, string> { ["password"] = Password, ["user"] = "x" }) },
        { Token, l => { using (l.BeginScope(new Dictionary<string, object> { ["SessionToken"] = Token })) { l.LogInformation("In a scope"); } } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Redactor_SecretInEvent_RendersNoneOfIt(string secret, Action<Microsoft.Extensions.Logging.ILogger> log)
    {
        var (logger, logs) = CreateLogger();
        log(logger);
        var rendered = logs.RenderAll();
        Assert.NotEmpty(logs.Events);
        Assert.DoesNotContain(secret, rendered, StringComparison.Ordinal);
        Assert.Contains(SensitiveDataRedactor.Mask, rendered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SecretName", false)]
    [InlineData("KeyAlgorithm", false)]
    [InlineData("TokenHash", false)]
    [InlineData("UserName", false)]
    [InlineData("Password", true)]
    [InlineData("ApiKey", true)]
    [InlineData("api-key", true)]
    [InlineData("client_secret", true)]
    [InlineData("BearerToken", true)]
    [InlineData("PrivateKeyPem", true)]
    [InlineData("SecretNamespace", false)]
    [InlineData("ApiKeyName", false)]
    [InlineData("TokenId", false)]
    [InlineData("KeyPath", false)]
    [InlineData("SecretValue", true)]
    [InlineData("token_data", true)]
    [InlineData("Secret", true)]
    public void IsSensitiveName_ClassifiesNames(string name, bool sensitive) => Assert.Equal(sensitive, SensitiveDataRedactor.IsSensitiveName(name));

    [Fact]
    public void Redactor_OrdinaryProperties_AreKept()
    {
        var (logger, logs) = CreateLogger();
        logger.LogInformation("Synced {SecretName} in {Namespace} with {KeyAlgorithm}", "alb-certs", "istio-system", "ECDSA");
        var rendered = logs.RenderAll();
        Assert.Contains("alb-certs", rendered, StringComparison.Ordinal);
        Assert.Contains("istio-system", rendered, StringComparison.Ordinal);
        Assert.Contains("ECDSA", rendered, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 13: the logs showed "default/***" where only a secret's name was logged. Every placeholder in the
    /// code's log messages that the redactor would mask must really hold a secret; names go in placeholders such as
    /// {SecretName}.
    /// </summary>
    [Fact]
    public void LogMessages_PlaceholdersNamedLikeSecrets_AreOnlyThoseThatHoldOne()
    {
        var masked = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Dashboard.Testing.RepositoryPaths.Combine("src"), "*.cs", SearchOption.AllDirectories))
        {
            var code = File.ReadAllText(file);
            foreach (System.Text.RegularExpressions.Match template in LogTemplate().Matches(code))
            {
                foreach (System.Text.RegularExpressions.Match hole in Placeholder().Matches(template.Groups["text"].Value))
                {
                    if (SensitiveDataRedactor.IsSensitiveName(hole.Groups["name"].Value))
                    {
                        masked.Add($"{Path.GetFileName(file)}: {{{hole.Groups["name"].Value}}} in \"{template.Groups["text"].Value}\"");
                    }
                }
            }
        }

        Assert.Empty(masked);
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?:Log(?:Trace|Debug|Information|Warning|Error|Critical)\\(\\s*(?:[A-Za-z_.]+,\\s*)?|LoggerMessage\\([^\"]*)\"(?<text>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial System.Text.RegularExpressions.Regex LogTemplate();

    [System.Text.RegularExpressions.GeneratedRegex("\\{@?(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:[,:][^}]*)?\\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();
}
