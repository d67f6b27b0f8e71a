using System.Net;
using System.Net.Http.Headers;
using Dashboard.Core.Ibm.Http;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Timeout;

namespace Dashboard.Core.Tests.Ibm;

/// <summary>
/// The retry decision as plain rules (<see cref="IbmResilience.ShouldRetry"/>): 429 and 5xx are retried, every other 4xx
/// is final, and nothing is retried unless the request is marked idempotent.
/// </summary>
public sealed class IbmRetryRuleTests
{
    private static readonly TimeSpan s_maxWait = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    public void ShouldRetry_IdempotentRequest_RetriesOnlyRateLimitsAndServerErrors(int status, bool retried)
    {
        using var request = Request(idempotent: true);
        using var response = new HttpResponseMessage((HttpStatusCode)status) { RequestMessage = request };

        Assert.Equal(retried, IbmResilience.ShouldRetry(Outcome.FromResult(response), request, s_maxWait, _time));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void ShouldRetry_NonIdempotentRequest_IsNeverRetried(int status)
    {
        using var request = Request(idempotent: false);
        using var response = new HttpResponseMessage((HttpStatusCode)status) { RequestMessage = request };

        Assert.False(IbmResilience.ShouldRetry(Outcome.FromResult(response), request, s_maxWait, _time));
        Assert.False(IbmResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset")), request, s_maxWait, _time));
    }

    [Fact]
    public void ShouldRetry_UnmarkedRequest_IsNeverRetried()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://iks.test/global/v2/getCluster?cluster=c");
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };

        Assert.False(IbmResilience.ShouldRetry(Outcome.FromResult(response), request, s_maxWait, _time));
        Assert.False(IbmResilience.ShouldRetry(Outcome.FromResult(response), null, s_maxWait, _time));
    }

    [Fact]
    public void ShouldRetry_TransientExceptions_AreRetried_OthersAreNot()
    {
        using var request = Request(idempotent: true);

        Assert.True(IbmResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("connection refused")), request, s_maxWait, _time));
        Assert.True(IbmResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()), request, s_maxWait, _time));
        Assert.False(IbmResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException("a bug")), request, s_maxWait, _time));
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void ShouldRetry_RetryAfterBeyondTheMaximumWait_GivesUp(int seconds, bool retried)
    {
        using var request = Request(idempotent: true);
        using var byDelta = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request };
        byDelta.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        using var byDate = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
        byDate.Headers.RetryAfter = new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(seconds));

        Assert.Equal(retried, IbmResilience.ShouldRetry(Outcome.FromResult(byDelta), request, s_maxWait, _time));
        Assert.Equal(retried, IbmResilience.ShouldRetry(Outcome.FromResult(byDate), request, s_maxWait, _time));
    }

    private static HttpRequestMessage Request(bool idempotent)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "https://iks.test/global/v1/nlb-dns/clusters/c/add");
        IbmRequestOptions.Mark(request, idempotent);
        return request;
    }
}
