using Dashboard.Sandbox.Clock;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Sandbox.Tests.Clock;

public sealed class SandboxClockTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_MovesUtcNowAndOffset()
    {
        var real = new FakeTimeProvider(s_start);
        var clock = new SandboxClock(real);
        clock.Advance(TimeSpan.FromDays(54));
        Assert.Equal(s_start.AddDays(54), clock.GetUtcNow());
        real.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(s_start.AddDays(54).AddMinutes(1), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromDays(54), clock.Offset);
    }

    [Fact]
    public void Advance_Backwards_IsRefused()
    {
        var clock = new SandboxClock(new FakeTimeProvider(s_start));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
        Assert.Equal(TimeSpan.Zero, clock.Offset);
    }

    [Fact]
    public void Timer_DueInSandboxTime_FiresWhenAJumpPassesIt()
    {
        var real = new FakeTimeProvider(s_start);
        var clock = new SandboxClock(real);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromDays(53), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromDays(52));
        Assert.Equal(0, fired);
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, fired);
        clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Timer_Periodic_FiresOncePerJumpThenKeepsItsPeriodInRealTime()
    {
        var real = new FakeTimeProvider(s_start);
        var clock = new SandboxClock(real);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        real.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, fired);
        clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(2, fired);
        real.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, fired);
    }

    [Fact]
    public void Timer_DisposedOrChangedToInfinite_DoesNotFire()
    {
        var clock = new SandboxClock(new FakeTimeProvider(s_start));
        var fired = 0;
        var disposed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        var stopped = clock.CreateTimer(_ => fired++, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, fired);
        Assert.False(disposed.Change(TimeSpan.Zero, TimeSpan.Zero));
        stopped.Dispose();
    }

    [Fact]
    public async Task Delay_OnTheSandboxClock_CompletesOnAJump()
    {
        var clock = new SandboxClock(new FakeTimeProvider(s_start));
        var delay = Task.Delay(TimeSpan.FromDays(30), clock);
        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromDays(31));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void Advanced_Event_ReportsTheNewOffset()
    {
        var clock = new SandboxClock(new FakeTimeProvider(s_start));
        TimeSpan? seen = null;
        clock.Advanced += (_, offset) => seen = offset;
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(TimeSpan.FromDays(3), seen);
    }
}
