using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Setup.Runs;

/// <summary>Keeps a held target lease alive while its holder works (a run, a cleanup).</summary>
public sealed class LeaseKeeper(TargetLeases leases, TimeProvider time, ILogger<LeaseKeeper> logger)
{
    /// <summary>
    /// Renews the lease every third of its duration; cancels <paramref name="lost"/> once it is gone: taken by another
    /// holder, or not renewable before it expires (each attempt is bounded by that expiry, counted from before the call).
    /// Never throws: what the work does about a lost lease is the holder's to decide.
    /// </summary>
    public async Task KeepAsync(string targetId, string holder, TimeSpan duration, CancellationTokenSource lost, CancellationToken ct)
    {
        var heldUntil = time.GetUtcNow() + duration;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(duration / 3, time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var attemptAt = time.GetUtcNow();
            var remaining = heldUntil - attemptAt;
            try
            {
                using var expiry = remaining > TimeSpan.Zero ? new CancellationTokenSource(remaining, time) : null;
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct, expiry?.Token ?? new CancellationToken(canceled: true));
                if (!await leases.TryAcquireAsync(targetId, holder, duration, bounded.Token))
                {
                    await lost.CancelAsync();
                    return;
                }

                heldUntil = attemptAt + duration;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && time.GetUtcNow() < heldUntil)
            {
                // The store hiccupped (busy, a dropped connection); the lease holds until it expires, so try again.
                SetupLog.LeaseRenewalFailed(logger, e, targetId);
            }
            catch (Exception e)
            {
                SetupLog.LeaseExpired(logger, e, targetId);
                await lost.CancelAsync();
                return;
            }
        }
    }
}
