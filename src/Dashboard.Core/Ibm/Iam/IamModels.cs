using System.Text.Json.Serialization;

namespace Dashboard.Core.Ibm.Iam;

/// <summary>IAM's token response (<c>POST /identity/token</c>), field names as IBM documents them.</summary>
internal sealed class IamTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; set; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }

    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; set; }

    /// <summary>Unix seconds of expiry by IAM's clock; the lifetime is taken from <see cref="ExpiresIn"/> so clock skew does not matter.</summary>
    [JsonPropertyName("expiration")]
    public long? Expiration { get; set; }

    [JsonPropertyName("scope")]
    public string? Scope { get; set; }

    /// <summary>Never the token values.</summary>
    public override string ToString() => $"IAM token response ({TokenType}, expires_in {ExpiresIn})";
}

/// <summary>IAM's error body: <c>errorCode</c>, <c>errorMessage</c>, <c>errorDetails</c> (and a <c>context</c> we ignore).</summary>
internal sealed class IamErrorBody
{
    [JsonPropertyName("errorCode")]
    public string? ErrorCode { get; set; }

    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; set; }

    [JsonPropertyName("errorDetails")]
    public string? ErrorDetails { get; set; }
}
