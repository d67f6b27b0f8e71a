namespace Dashboard.Testing;

/// <summary>Waits for a condition with a deadline (no fixed sleeps): the one polling helper of every test project.</summary>
public static class Poll
{
    /// <summary>Asks <paramref name="probe"/> until <paramref name="done"/> holds for its answer; the answer, or a timeout naming <paramref name="what"/> and the last answer.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
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

        throw new TimeoutException($"Timed out waiting for {what}; last value: {last}");
    }

    /// <summary>Asks <paramref name="probe"/> until it answers true.</summary>
    public static Task UntilAsync(Func<Task<bool>> probe, string what, TimeSpan? timeout = null) =>
        UntilAsync(probe, b => b, what, timeout);

    /// <summary>Checks <paramref name="condition"/> until it holds.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), b => b, what, timeout);
}
