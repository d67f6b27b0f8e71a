using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Iks.Catalog;
using Dashboard.Sandbox.Iks.State;

namespace Dashboard.Sandbox.Iks.Api;

/// <summary>
/// IAM's access tokens: JWTs (HS256 with a key kept in the data directory, so tokens survive restarts) carrying the
/// IAM ID, account and expiry like IBM's. Verification checks the signature, the expiry by the simulator's clock, and
/// that the API key behind the token is still configured.
/// </summary>
internal sealed class IamTokenIssuer(byte[] signingKey, TimeProvider time, TimeSpan lifetime)
{
    public TimeSpan Lifetime => lifetime;

    public static IamTokenIssuer LoadOrCreate(string? directory, TimeProvider time, TimeSpan lifetime)
    {
        var path = directory is null ? null : Path.Combine(directory, "iam-signing.key");
        if (path is not null && File.Exists(path) && TryDecode(File.ReadAllText(path).Trim()) is { Length: 32 } existing)
        {
            return new IamTokenIssuer(existing, time, lifetime);
        }

        var key = RandomNumberGenerator.GetBytes(32);
        if (path is not null)
        {
            AtomicFile.Write(path, Convert.ToBase64String(key));
        }

        return new IamTokenIssuer(key, time, lifetime);
    }

    public (string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt) Issue(IksIdentity identity)
    {
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var header = new JsonObject { ["kid"] = "sandbox-1", ["alg"] = "HS256" };
        var payload = new JsonObject
        {
            ["iam_id"] = identity.IamId,
            ["id"] = identity.IamId,
            ["realmid"] = "IBMid",
            ["sub"] = identity.Owner,
            ["sub_type"] = "Identity",
            ["account"] = new JsonObject { ["valid"] = true, ["bss"] = identity.AccountId },
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iss"] = "https://iam.cloud.ibm.com/identity",
            ["grant_type"] = "urn:ibm:params:oauth:grant-type:apikey",
            ["scope"] = "ibm openid",
            ["client_id"] = "default",
            ["sandbox_key"] = identity.KeyId,
        };
        var unsigned = Encode(header) + "." + Encode(payload);
        return (unsigned + "." + Base64Url(HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(unsigned))), now, expires);
    }

    public IksIdentity? Verify(string? token, IksCatalog catalog)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        var expected = HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (TryDecodeUrl(parts[2]) is not { } signature || !CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(TryDecodeUrl(parts[1]) ?? []) is not JsonObject payload
                || payload["exp"] is not JsonValue exp || !exp.TryGetValue<long>(out var expiresAt)
                || payload["sandbox_key"] is not JsonValue key || !key.TryGetValue<string>(out var keyId))
            {
                return null;
            }

            return DateTimeOffset.FromUnixTimeSeconds(expiresAt) > time.GetUtcNow() ? catalog.FindIdentityById(keyId) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Encode(JsonObject json) => Base64Url(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? TryDecodeUrl(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return TryDecode(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }

    private static byte[]? TryDecode(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
