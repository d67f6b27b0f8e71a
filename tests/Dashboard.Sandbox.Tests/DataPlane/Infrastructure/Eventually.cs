namespace Dashboard.Sandbox.Tests.DataPlane.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes (no fixed sleeps: a short yield between polls).</summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
        T last;
        do
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }
        }
        while (DateTime.UtcNow < deadline && await timer.WaitForNextTickAsync());

        throw new TimeoutException($"Timed out waiting for: {what}; last value: {last}");
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), b => b, what, timeout);
}
