namespace Dashboard.Sandbox.Clock;

/// <summary>
/// The sandbox's time: the real clock plus an offset that only grows. <see cref="Advance"/> jumps ahead (e.g. 54 days,
/// to show a certificate renewal in seconds); timers created from this clock fire at their due time in sandbox time,
/// so a jump fires every timer it passes. Monotonic timestamps stay real: they measure durations, not dates.
/// </summary>
public sealed class SandboxClock(TimeProvider inner) : TimeProvider
{
    private readonly TimeProvider _inner = inner;
    private readonly Lock _gate = new();
    private readonly List<SandboxTimer> _timers = [];
    private long _offsetTicks;

    /// <summary>A sandbox clock on the system clock.</summary>
    public SandboxClock()
        : this(System)
    {
    }

    /// <summary>Raised after every jump, with the new offset; watchers re-check what they wait for.</summary>
    public event EventHandler<TimeSpan>? Advanced;

    /// <summary>How far the sandbox is ahead of real time.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + Offset;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc />
    public override long GetTimestamp() => _inner.GetTimestamp();

    /// <summary>Moves sandbox time forward; time never goes back.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "Sandbox time only moves forward.");
        }

        Interlocked.Add(ref _offsetTicks, by.Ticks);
        SandboxTimer[] timers;
        lock (_gate)
        {
            timers = [.. _timers];
        }

        foreach (var timer in timers)
        {
            timer.Reschedule();
        }

        Advanced?.Invoke(this, Offset);
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SandboxTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private void Remove(SandboxTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>A timer whose due instant is in sandbox time, backed by a real timer for the remaining wait.</summary>
    private sealed class SandboxTimer : ITimer
    {
        private static readonly TimeSpan s_maxWait = TimeSpan.FromDays(1);
        private readonly SandboxClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly Lock _gate = new();
        private readonly ITimer _real;
        private DateTimeOffset? _due;
        private TimeSpan _period;
        private bool _disposed;

        public SandboxTimer(SandboxClock clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            _real = clock._inner.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }

                _period = period;
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + dueTime;
                ArmLocked();
                return true;
            }
        }

        public void Reschedule()
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    ArmLocked();
                }
            }
        }

        private void ArmLocked()
        {
            if (_due is not { } due)
            {
                _real.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                return;
            }

            // Real timers cannot wait beyond ~49 days; a capped wait wakes early and re-arms (see Fire).
            var wait = due - _clock.GetUtcNow();
            _real.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : (wait > s_maxWait ? s_maxWait : wait), Timeout.InfiniteTimeSpan);
        }

        private void Fire()
        {
            lock (_gate)
            {
                if (_disposed || _due is not { } due)
                {
                    return;
                }

                var now = _clock.GetUtcNow();
                if (due > now)
                {
                    // Woken early (the real timer's granularity): wait out the rest.
                    ArmLocked();
                    return;
                }

                // A periodic timer that a jump carried past several periods fires once and continues from now,
                // like a real timer on a machine that was suspended.
                _due = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? now + _period : null;
                ArmLocked();
            }

            _callback(_state);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _due = null;
            }

            _real.Dispose();
            _clock.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
