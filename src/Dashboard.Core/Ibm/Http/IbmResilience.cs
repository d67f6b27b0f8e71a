using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Dashboard.Core.Ibm.Http;

/// <summary>
/// The pipeline both IBM clients share: a total timeout around retries (exponential back-off with jitter, honouring
/// <c>Retry-After</c>) around a per-attempt timeout. Only requests marked idempotent are retried, and only for 429,
/// 5xx, network errors and attempt timeouts; any other 4xx is final at once.
/// </summary>
internal static class IbmResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IbmOptions options, TimeProvider time)
    {
        pipeline.TimeProvider = time;
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "ibm-total", Timeout = options.TotalTimeout });
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "ibm-retry",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), options.MaxRetryDelay, time)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time) is { } wait ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    IbmRequestOptions.CountRetry(args.Context.GetRequestMessage());
                    return ValueTask.CompletedTask;
                },
            });
        }

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "ibm-attempt", Timeout = options.AttemptTimeout });
    }

    /// <summary>The retry decision, separate from Polly so it reads (and tests) as plain rules.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, TimeSpan maxWait, TimeProvider time)
    {
        if (!IbmRequestOptions.IsIdempotent(request))
        {
            return false;
        }

        if (outcome.Exception is { } error)
        {
            return error is HttpRequestException or TimeoutRejectedException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (status != (int)HttpStatusCode.TooManyRequests && status < 500)
        {
            return false;
        }

        // Waiting longer than we allow would only end in the total timeout; give up now with IBM's Retry-After in the error.
        return RetryAfter(response, time) is not { } wait || wait <= maxWait;
    }

    /// <summary>The server's requested wait (<c>Retry-After</c> as seconds or as a date), or null when it did not say.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
