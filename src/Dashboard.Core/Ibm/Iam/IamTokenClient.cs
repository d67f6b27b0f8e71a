using System.Net.Http.Headers;
using System.Text.Json;
using Dashboard.Core.Ibm.Http;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Dashboard.Core.Ibm.Iam;

/// <summary>
/// The typed HttpClient for IAM's token endpoint: exchanges an API key for a bearer token
/// (<c>grant_type=urn:ibm:params:oauth:grant-type:apikey</c>). The exchange has no side effects, so it is retried.
/// </summary>
internal sealed class IamTokenClient(HttpClient http, IOptionsMonitor<IbmOptions> options, TimeProvider time)
{
    public const string Operation = "exchange the API key for an IAM token";
    private const string GrantType = "urn:ibm:params:oauth:grant-type:apikey";

    public async Task<IksResult<IamToken>> ExchangeAsync(IbmCredential credential, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(options.CurrentValue.IamTokenUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", GrantType), new("apikey", credential.Reveal())]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        IbmRequestOptions.Mark(request, idempotent: true);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var attempts = IbmRequestOptions.AttemptsOf(request);
            return response.IsSuccessStatusCode
                ? Parse((int)response.StatusCode, body)
                : IksResult.Failure<IamToken>(IamErrors.FromResponse((int)response.StatusCode, Deserialize<IamErrorBody>(body), IbmResilience.RetryAfter(response, time), attempts));
        }
        catch (HttpRequestException e)
        {
            return IksResult.Failure<IamToken>(IksErrors.Network(Operation, endpoint, e, IbmRequestOptions.AttemptsOf(request)));
        }
        catch (TimeoutRejectedException)
        {
            return IksResult.Failure<IamToken>(IksErrors.Timeout(Operation, endpoint, IbmRequestOptions.AttemptsOf(request)));
        }
    }

    private IksResult<IamToken> Parse(int status, string body)
    {
        var token = Deserialize<IamTokenResponse>(body);
        if (token is null || string.IsNullOrEmpty(token.AccessToken))
        {
            return IksResult.Failure<IamToken>(IksErrors.InvalidResponse(Operation, status, "there is no 'access_token'"));
        }

        if (token.ExpiresIn is not > 0)
        {
            return IksResult.Failure<IamToken>(IksErrors.InvalidResponse(Operation, status, "'expires_in' is missing or not positive"));
        }

        return IksResult.Success(new IamToken(token.AccessToken, token.TokenType ?? "Bearer", time.GetUtcNow(), TimeSpan.FromSeconds(token.ExpiresIn.Value)));
    }

    private static T? Deserialize<T>(string body)
        where T : class
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<T>(body, Models.IksPayloads.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
