using System.Runtime.CompilerServices;

namespace Dashboard.Core.Ibm.Http;

/// <summary>What a request tells the resilience pipeline about itself.</summary>
internal static class IbmRequestOptions
{
    /// <summary>Set to true on requests that may be repeated safely; the retry strategy leaves every other request alone.</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("Dashboard.Ibm.Idempotent");

    /// <summary>Counts attempts (the retry strategy increments it), so a final error can say how many were made.</summary>
    public static readonly HttpRequestOptionsKey<StrongBox<int>> Attempts = new("Dashboard.Ibm.Attempts");

    public static void Mark(HttpRequestMessage request, bool idempotent)
    {
        request.Options.Set(Idempotent, idempotent);
        request.Options.Set(Attempts, new StrongBox<int>(1));
    }

    public static bool IsIdempotent(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Idempotent, out var idempotent) && idempotent;

    public static int AttemptsOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Attempts, out var box) ? Volatile.Read(ref box.Value) : 1;

    public static void CountRetry(HttpRequestMessage? request)
    {
        if (request is not null && request.Options.TryGetValue(Attempts, out var box))
        {
            Interlocked.Increment(ref box.Value);
        }
    }
}
