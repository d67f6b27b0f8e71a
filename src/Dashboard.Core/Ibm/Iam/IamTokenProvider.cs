using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Ibm.Iam;

/// <summary>
/// Caches one token per API key (keyed by the key's SHA-256, never the key) and refreshes it once less than 20% of its
/// lifetime remains. Concurrent callers for the same key share one in-flight exchange (single flight); a caller that
/// gives up does not cancel it for the others. When a refresh fails while the cached token is still valid, the cached
/// token is used. Time comes from the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class IamTokenProvider(IamTokenClient client, TimeProvider time, ILogger<IamTokenProvider> logger) : IIamTokenProvider
{
    private static readonly TimeSpan s_expiryMargin = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public async Task<IksResult<IamToken>> GetTokenAsync(IbmCredential credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var slot = _slots.GetOrAdd(credential.CacheKey, _ => new Slot());
        Task<IksResult<IamToken>> exchange;
        lock (slot.Gate)
        {
            if (slot.Token is { } cached && time.GetUtcNow() < cached.RefreshAt)
            {
                return IksResult.Success(cached);
            }

            // Task.Run: the exchange never runs inline under the lock, and belongs to no single caller.
            exchange = slot.InFlight ??= Task.Run(() => ExchangeAsync(slot, credential), CancellationToken.None);
        }

        return await exchange.WaitAsync(cancellationToken);
    }

    public void Invalidate(IbmCredential credential, IamToken rejected)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (_slots.TryGetValue(credential.CacheKey, out var slot))
        {
            lock (slot.Gate)
            {
                if (ReferenceEquals(slot.Token, rejected))
                {
                    slot.Token = null;
                }
            }
        }
    }

    private async Task<IksResult<IamToken>> ExchangeAsync(Slot slot, IbmCredential credential)
    {
        IksResult<IamToken>? result = null;
        try
        {
            result = await client.ExchangeAsync(credential, CancellationToken.None);
            if (result.IsSuccess)
            {
                IbmLog.TokenObtained(logger, credential.Fingerprint, result.Value.ExpiresAt);
                return result;
            }

            IamToken? stillValid;
            lock (slot.Gate)
            {
                stillValid = slot.Token is { } current && time.GetUtcNow() < current.ExpiresAt - s_expiryMargin ? current : null;
            }

            if (stillValid is not null)
            {
                IbmLog.TokenRefreshFailed(logger, credential.Fingerprint, result.Error.Kind, stillValid.ExpiresAt);
                return IksResult.Success(stillValid);
            }

            IbmLog.TokenExchangeFailed(logger, credential.Fingerprint, result.Error.Kind, result.Error.HttpStatus);
            return result;
        }
        finally
        {
            lock (slot.Gate)
            {
                if (result is { IsSuccess: true })
                {
                    slot.Token = result.Value;
                }

                slot.InFlight = null;
            }
        }
    }

    private sealed class Slot
    {
        public object Gate { get; } = new();

        public IamToken? Token { get; set; }

        public Task<IksResult<IamToken>>? InFlight { get; set; }
    }
}
