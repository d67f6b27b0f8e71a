using System.Threading.Channels;
using Dashboard.Sandbox.Kubernetes.Storage;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.Kubernetes.Controllers;

/// <summary>
/// Runs the simulated controllers on one background task: committed changes and due timers become work items,
/// processed in order, so controllers never race each other. Timers come from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ControllerLoop : IAsyncDisposable
{
    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<ITimer> _timers = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _runner;
    private int _pending;

    public ControllerLoop(TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
    }

    /// <summary>Handlers of committed changes; each runs on the loop, never under the store gate.</summary>
    public List<Action<StoreChange>> Handlers { get; } = [];

    /// <summary>Work items queued or running (not timers waiting for their time); zero means the controllers are idle.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Start() => _runner = Task.Run(RunAsync);

    /// <summary>Called under the store gate: only queues.</summary>
    public void OnCommitted(StoreChange change) => Enqueue(() =>
    {
        foreach (var handler in Handlers)
        {
            handler(change);
        }
    });

    public void Enqueue(Action work)
    {
        Interlocked.Increment(ref _pending);
        if (!_work.Writer.TryWrite(work))
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>Queues <paramref name="work"/> at <paramref name="due"/> on the sandbox clock (at once when already due).</summary>
    public void At(DateTimeOffset due, Action work)
    {
        var delay = due - _time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(work);
            return;
        }

        ITimer? timer = null;
        timer = _time.CreateTimer(
            _ =>
            {
                Enqueue(work);
                lock (_timers)
                {
                    _timers.Remove(timer!);
                }

                timer?.Dispose();
            },
            null,
            delay,
            Timeout.InfiniteTimeSpan);
        lock (_timers)
        {
            _timers.Add(timer);
        }
    }

    /// <summary>Drops queued work and timers (used by reset).</summary>
    public void Clear()
    {
        lock (_timers)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        await _stop.CancelAsync();
        Clear();
        if (_runner is not null)
        {
            await _runner.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    work();
                }
                catch (Exception e)
                {
                    SandboxKubernetesLog.ControllerFailed(_logger, e);
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
