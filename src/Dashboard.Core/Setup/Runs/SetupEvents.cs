using System.Collections.Concurrent;
using System.Threading.Channels;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Setup.Runs;

/// <summary>Something happened in a run: it changed state, or one of its steps did.</summary>
/// <param name="RunId">The run.</param>
/// <param name="TargetId">Its target.</param>
/// <param name="RunState">The run's state after the change.</param>
/// <param name="StepId">The step that changed, or null for a run-level event.</param>
/// <param name="StepState">The step's state after the change.</param>
/// <param name="Message">What happened, in a sentence.</param>
/// <param name="At">When (UTC).</param>
public sealed record SetupEvent(Guid RunId, string TargetId, SetupRunState RunState, string? StepId, SetupStepState? StepState, string? Message, DateTimeOffset At);

/// <summary>
/// Live progress of setup runs in this process, for live views (the wizard): subscribe, read events as they happen,
/// dispose to unsubscribe. Each subscriber has its own bounded channel; a subscriber that falls far behind loses its
/// oldest events rather than slowing runs down (a view re-reads the run from <c>GET /api/runs/{id}</c> when it sees a gap).
/// Runs executed by another replica are not seen here; their state is in the store.
/// </summary>
public interface ISetupEvents
{
    /// <summary>Starts a subscription; events of every run (or of <paramref name="targetId"/> only) flow into it until it is disposed.</summary>
    ISetupEventSubscription Subscribe(string? targetId = null);

    /// <summary>Publishes an event to every subscriber.</summary>
    void Publish(SetupEvent setupEvent);
}

/// <summary>One subscriber's events; dispose to unsubscribe.</summary>
public interface ISetupEventSubscription : IDisposable
{
    /// <summary>The events, in order.</summary>
    ChannelReader<SetupEvent> Events { get; }
}

/// <summary>The in-process event hub.</summary>
public sealed class SetupEvents : ISetupEvents
{
    private const int Capacity = 1024;
    private readonly ConcurrentDictionary<Subscription, byte> _subscribers = new();

    /// <summary>How many subscriptions are open.</summary>
    public int SubscriberCount => _subscribers.Count;

    /// <inheritdoc />
    public ISetupEventSubscription Subscribe(string? targetId = null)
    {
        var subscription = new Subscription(this, targetId);
        _subscribers[subscription] = 0;
        return subscription;
    }

    /// <inheritdoc />
    public void Publish(SetupEvent setupEvent)
    {
        ArgumentNullException.ThrowIfNull(setupEvent);
        foreach (var subscriber in _subscribers.Keys)
        {
            if (subscriber.TargetId is null || subscriber.TargetId == setupEvent.TargetId)
            {
                subscriber.Channel.Writer.TryWrite(setupEvent);
            }
        }
    }

    private sealed class Subscription(SetupEvents hub, string? targetId) : ISetupEventSubscription
    {
        public Channel<SetupEvent> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<SetupEvent>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public string? TargetId => targetId;

        public ChannelReader<SetupEvent> Events => Channel.Reader;

        public void Dispose()
        {
            hub._subscribers.TryRemove(this, out _);
            Channel.Writer.TryComplete();
        }
    }
}
