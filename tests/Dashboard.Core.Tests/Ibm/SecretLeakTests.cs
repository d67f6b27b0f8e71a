using System.Text.Json;
using Dashboard.Core.Ibm;
using Dashboard.Core.Ibm.Iam;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Core.Tests.Ibm;

/// <summary>API keys and tokens never reach a log line (at any level, any category), an exception or a result.</summary>
[Collection(IbmSimulatorCollection.Name)]
public sealed class SecretLeakTests(IbmSimulatorFixture fixture)
{
    private const string BadKey = "leak-check-revoked-key-55aa01";

    [Fact]
    public async Task SuccessesFailuresAndRetries_NeverExposeKeysOrTokens()
    {
        var logs = new FakeLogCollector();
        using var services = fixture.Services(logs: logs);
        var client = services.GetRequiredService<IIksClient>();
        var key = IbmCredential.FromApiKey(IbmSimulatorFixture.LeakCheckApiKey);
        var cluster = IbmSimulatorFixture.LeakCheckCluster;
        var outcomes = new List<object>();
        try
        {
            outcomes.Add(await client.GetClusterAsync(key, cluster));
            outcomes.Add(await client.ListNlbDnsAsync(key, cluster));
            outcomes.Add(await client.RegisterClassicNlbDnsAsync(key, cluster, ["169.61.9.1"]));
            fixture.Simulator.Faults.Set(new() { RetryAfterSeconds = 0 });
            fixture.Simulator.Faults.FailNext(503, 2, "v2.getCluster");
            outcomes.Add(await client.GetClusterAsync(key, cluster));
            fixture.Simulator.Faults.FailNext(503, 10, "v2.nlb-dns.getNlbDNSList");
            outcomes.Add(await client.ListNlbDnsAsync(key, cluster));
            outcomes.Add(await client.GetClusterAsync(key, "sandbox"));
            outcomes.Add(await client.GetClusterAsync(IbmCredential.FromApiKey(BadKey), cluster));
            outcomes.Add(await client.RegisterClassicNlbDnsAsync(key, cluster, ["not-an-ip"]));
        }
        finally
        {
            fixture.Simulator.Faults.Reset();
        }

        var tokenResult = await services.GetRequiredService<IIamTokenProvider>().GetTokenAsync(key);
        var token = tokenResult.GetValueOrThrow();
        var secrets = new[] { IbmSimulatorFixture.LeakCheckApiKey, BadKey, token.AccessToken, token.AccessToken.Split('.')[2] };

        var records = logs.GetSnapshot();
        Assert.Contains(records, r => r.Category!.StartsWith("Polly", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        foreach (var record in records)
        {
            var text = string.Join('\n', [record.Message, record.Exception?.ToString() ?? string.Empty, .. (record.StructuredState ?? []).Select(kv => $"{kv.Key}={kv.Value}")]);
            AssertClean(text, secrets, $"log record {record.Category}/{record.Level}");
        }

        foreach (var outcome in outcomes)
        {
            AssertClean(outcome.ToString()!, secrets, "a result's ToString");
            AssertClean(JsonSerializer.Serialize(outcome, outcome.GetType()), secrets, "a serialised result");
            if (outcome.GetType().GetProperty("Error")!.GetValue(outcome) is IksError error)
            {
                AssertClean(new IksException(error).ToString(), secrets, "an exception");
            }
        }

        Assert.Equal(4, outcomes.Count(o => o.GetType().GetProperty("Error")!.GetValue(o) is not null));
        AssertClean(key.ToString(), secrets, "the credential's ToString");
        AssertClean(token.ToString(), secrets, "the token's ToString");
        AssertClean(JsonSerializer.Serialize(key), secrets, "a serialised credential");

        // The token and a result carrying it serialise their other fields, never the bearer token.
        var serialisedToken = JsonSerializer.Serialize(token);
        var serialisedResult = JsonSerializer.Serialize(tokenResult);
        AssertClean(serialisedToken, secrets, "a serialised token");
        AssertClean(serialisedResult, secrets, "a serialised token result");
        Assert.Contains("\"TokenType\":\"Bearer\"", serialisedToken, StringComparison.Ordinal);
        Assert.Contains("\"ExpiresAt\"", serialisedResult, StringComparison.Ordinal);
    }

    [Fact]
    public void Credential_RejectingBadInput_DoesNotEchoIt()
    {
        var error = Assert.Throws<ArgumentException>(() => IbmCredential.FromApiKey("has space-secret-value"));

        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => IbmCredential.FromApiKey("  "));
    }

    [Fact]
    public void Credential_EqualityAndFingerprint_FollowTheKeyWithoutShowingIt()
    {
        var a = IbmCredential.FromApiKey("key-one-value");
        var b = IbmCredential.FromApiKey(" key-one-value ");
        var c = IbmCredential.FromApiKey("key-two-value");

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Matches("^[0-9a-f]{8}$", a.Fingerprint);
        Assert.Equal($"IBM Cloud API key (fingerprint {a.Fingerprint})", a.ToString());
    }

    private static void AssertClean(string text, string[] secrets, string where)
    {
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} contains a secret: {text.Replace(secret, "<<SECRET>>", StringComparison.Ordinal)}");
        }
    }
}
