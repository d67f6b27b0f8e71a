using System.Text.Json.Serialization;

namespace Dashboard.Core.Ibm.Iam;

/// <summary>
/// An IAM access token and its lifetime as this process measured it. Neither <see cref="ToString"/> nor JSON serialisation shows the token.
/// </summary>
public sealed class IamToken
{
    /// <summary>Creates a token record.</summary>
    public IamToken(string accessToken, string tokenType, DateTimeOffset obtainedAt, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        AccessToken = accessToken;
        TokenType = string.IsNullOrWhiteSpace(tokenType) ? "Bearer" : tokenType;
        ObtainedAt = obtainedAt;
        Lifetime = lifetime;
    }

    /// <summary>The bearer token. Handle as a secret: never serialised, so a token (or a result carrying one) written as JSON does not leak it.</summary>
    [JsonIgnore]
    public string AccessToken { get; }

    /// <summary>IAM's <c>token_type</c> ("Bearer").</summary>
    public string TokenType { get; }

    /// <summary>When the token was received (local clock).</summary>
    public DateTimeOffset ObtainedAt { get; }

    /// <summary>IAM's <c>expires_in</c>.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>When the token stops working.</summary>
    public DateTimeOffset ExpiresAt => ObtainedAt + Lifetime;

    /// <summary>
    /// When a new token should be fetched: once less than 20% of the lifetime remains, as IBM's SDKs do
    /// (<c>refreshTime = expireTime - timeToLive * 0.2</c>).
    /// </summary>
    public DateTimeOffset RefreshAt => ExpiresAt - (Lifetime * 0.2);

    /// <summary>Never the token itself.</summary>
    public override string ToString() => $"IAM {TokenType} token (expires {ExpiresAt:u})";
}
