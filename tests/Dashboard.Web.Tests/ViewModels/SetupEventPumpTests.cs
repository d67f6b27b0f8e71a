using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Dashboard.Web.ViewModels.Setup;

namespace Dashboard.Web.Tests.ViewModels;

public sealed class SetupEventPumpTests
{
    [Fact]
    public async Task Pump_EventsBeforeAndAfterStart_AllDeliveredInOrder_OtherTargetsIgnored()
    {
        var hub = new SetupEvents();
        var received = new List<string>();
        var done = new TaskCompletionSource();
        await using var pump = SetupEventPump.Subscribe(hub, "sandbox");

        hub.Publish(Event("sandbox", "one"));
        hub.Publish(Event("other", "ignored"));
        pump.Start((batch, _) =>
        {
            lock (received)
            {
                received.AddRange(batch.Select(e => e.Message!));
                if (received.Count == 3)
                {
                    done.SetResult();
                }
            }

            return Task.CompletedTask;
        }, _ => Task.CompletedTask);
        hub.Publish(Event("sandbox", "two"));
        hub.Publish(Event("sandbox", "three"));

        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["one", "two", "three"], received);
    }

    [Fact]
    public async Task DisposeAsync_Unsubscribes_NothingIsHandledAfterwards()
    {
        var hub = new SetupEvents();
        var handled = 0;
        var pump = SetupEventPump.Subscribe(hub, null);
        pump.Start((batch, _) => { Interlocked.Add(ref handled, batch.Count); return Task.CompletedTask; }, _ => Task.CompletedTask);
        Assert.Equal(1, hub.SubscriberCount);

        await pump.DisposeAsync();
        hub.Publish(Event("sandbox", "late"));

        Assert.Equal(0, hub.SubscriberCount);
        Assert.Equal(0, Volatile.Read(ref handled));
        await pump.DisposeAsync();
    }

    [Fact]
    public async Task Pump_HandlerFails_ErrorReportedAndLaterEventsStillHandled()
    {
        var hub = new SetupEvents();
        var errors = new List<Exception>();
        var recovered = new TaskCompletionSource<string>();
        await using var pump = SetupEventPump.Subscribe(hub, null);
        pump.Start((batch, _) =>
        {
            if (batch[0].Message == "bad")
            {
                throw new InvalidOperationException("the store is gone");
            }

            recovered.TrySetResult(batch[0].Message!);
            return Task.CompletedTask;
        }, e => { errors.Add(e); return Task.CompletedTask; });

        hub.Publish(Event("sandbox", "bad"));
        await WaitUntilAsync(() => errors.Count == 1);
        hub.Publish(Event("sandbox", "good"));

        Assert.Equal("good", await recovered.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("the store is gone", Assert.Single(errors).Message);
    }

    private static SetupEvent Event(string target, string message) => new(Guid.NewGuid(), target, SetupRunState.Running, null, null, message, DateTimeOffset.UnixEpoch);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(10);
        }
    }
}
