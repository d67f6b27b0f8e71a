using Dashboard.Core.Setup.Runs;

namespace Dashboard.Web.ViewModels.Setup;

/// <summary>
/// A live view's subscription to the setup event stream. The view subscribes before it reads its snapshot (so
/// nothing that happens meanwhile is lost: those events wait in the subscription), then starts the pump: events are
/// read on a background task and handed over in batches (whatever queued while the previous batch was handled), so
/// handling never overlaps and a burst costs one refresh. Disposing unsubscribes, cancels and waits for the reader.
/// </summary>
public sealed class SetupEventPump : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly ISetupEventSubscription _subscription;
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;

    private SetupEventPump(ISetupEventSubscription subscription) => _subscription = subscription;

    /// <summary>Subscribes to the events of <paramref name="targetId"/> (all targets when null); they queue until <see cref="Start"/>.</summary>
    public static SetupEventPump Subscribe(ISetupEvents events, string? targetId)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new SetupEventPump(events.Subscribe(targetId));
    }

    /// <summary>Starts reading.</summary>
    /// <param name="onBatch">Handles a batch; the caller marshals to its renderer.</param>
    /// <param name="onError">Handles a failure of <paramref name="onBatch"/>; reading goes on.</param>
    public void Start(Func<IReadOnlyList<SetupEvent>, CancellationToken, Task> onBatch, Func<Exception, Task> onError)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        _reader = Task.Run(() => ReadAsync(onBatch, onError, _stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _subscription.Dispose();
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (Exception)
        {
            // Stopped on purpose: whatever the view was doing when it went away no longer matters.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(Func<IReadOnlyList<SetupEvent>, CancellationToken, Task> onBatch, Func<Exception, Task> onError, CancellationToken cancellationToken)
    {
        var reader = _subscription.Events;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            var batch = new List<SetupEvent>();
            while (batch.Count < MaxBatch && reader.TryRead(out var setupEvent))
            {
                batch.Add(setupEvent);
            }

            try
            {
                await onBatch(batch, cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                await onError(e);
            }
        }
    }
}
