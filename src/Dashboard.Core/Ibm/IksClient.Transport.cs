using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Ibm.Http;
using Dashboard.Core.Ibm.Iam;
using Dashboard.Core.Ibm.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Dashboard.Core.Ibm;

/// <summary>The typed HttpClient for IKS: bearer token per credential, typed results, one log line per failure.</summary>
/// <param name="http">The HttpClient with the resilience pipeline (see <see cref="IbmResilience"/>).</param>
/// <param name="tokens">The token cache.</param>
/// <param name="options">The API base URL.</param>
/// <param name="time">The clock for <c>Retry-After</c> dates.</param>
/// <param name="logger">Failures at Warning, successes at Debug; never tokens, keys or bodies.</param>
internal sealed partial class IksClient(HttpClient http, IIamTokenProvider tokens, IOptionsMonitor<IbmOptions> options, TimeProvider time, ILogger<IksClient> logger)
{
    private async Task<IksResult> SendAsync(IbmCredential credential, IksCall call, CancellationToken cancellationToken)
    {
        var result = await SendAsync(credential, call, _ => true, cancellationToken);
        return result.IsSuccess ? IksResult.Success() : IksResult.Failure(result.Error);
    }

    private async Task<IksResult<T>> SendAsync<T>(IbmCredential credential, IksCall call, Func<string, T> parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var result = await SendCoreAsync(credential, call, parse, cancellationToken);
        if (result.IsSuccess)
        {
            IbmLog.IksCallSucceeded(logger, call.Operation, call.Cluster);
        }
        else
        {
            var error = result.Error;
            IbmLog.IksCallFailed(logger, call.Operation, call.Cluster, error.Kind, error.HttpStatus, error.Code, error.IncidentId, error.Attempts);
        }

        return result;
    }

    private async Task<IksResult<T>> SendCoreAsync<T>(IbmCredential credential, IksCall call, Func<string, T> parse, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(options.CurrentValue.ApiBaseUrl.TrimEnd('/') + call.PathAndQuery);
        for (var reauthenticated = false; ; reauthenticated = true)
        {
            var token = await tokens.GetTokenAsync(credential, cancellationToken);
            if (!token.IsSuccess)
            {
                return IksResult.Failure<T>(token.Error with { Message = $"Could not {call.Operation} for cluster '{call.Cluster}': {token.Error.Message}" });
            }

            using var request = CreateRequest(call, endpoint, token.Value);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                return IksResult.Failure<T>(IksErrors.Network(call.Operation, endpoint, e, IbmRequestOptions.AttemptsOf(request)));
            }
            catch (TimeoutRejectedException)
            {
                return IksResult.Failure<T>(IksErrors.Timeout(call.Operation, endpoint, IbmRequestOptions.AttemptsOf(request)));
            }

            using (response)
            {
                var status = (int)response.StatusCode;

                // A 401 to a cached token usually means it expired early or the clock jumped: fetch a new one, once.
                // The request was refused before it did anything, so resending is safe for every operation.
                if (status == (int)HttpStatusCode.Unauthorized && !reauthenticated)
                {
                    tokens.Invalidate(credential, token.Value);
                    continue;
                }

                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return IksResult.Failure<T>(IksErrors.FromResponse(call, status, ParseError(body), IbmResilience.RetryAfter(response, time), IbmRequestOptions.AttemptsOf(request)));
                }

                try
                {
                    return IksResult.Success(parse(body));
                }
                catch (Exception e) when (e is JsonException or InvalidDataException)
                {
                    return IksResult.Failure<T>(IksErrors.InvalidResponse(call.Operation, status, e is JsonException ? "the body is not valid JSON of the expected shape" : e.Message));
                }
            }
        }
    }

    private static HttpRequestMessage CreateRequest(IksCall call, Uri endpoint, IamToken token)
    {
        var request = new HttpRequestMessage(call.Method, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue(token.TokenType, token.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (call.Body is not null)
        {
            // A string body can be sent again by a retry; JSON of the SDK's field names.
            request.Content = new StringContent(JsonSerializer.Serialize(call.Body, call.Body.GetType(), IksPayloads.Json), Encoding.UTF8, "application/json");
        }

        IbmRequestOptions.Mark(request, call.Idempotent);
        return request;
    }

    private static IksErrorBody? ParseError(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<IksErrorBody>(body, IksPayloads.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
