namespace Dashboard.Core.Accounts;

/// <summary>How long sessions last and how failed sign-ins lock an account; the web host fills it from <c>Auth:*</c>.</summary>
public sealed class AccountPolicy
{
    /// <summary>A session ends after this long without a request (the cookie's sliding lifetime).</summary>
    public TimeSpan SessionIdleLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A session ends this long after sign-in, however active it is.</summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Failed sign-ins in a row that lock the account.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>The first lockout; each further failure doubles it.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest lockout.</summary>
    public TimeSpan LockoutMaxDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The lockout after <paramref name="failures"/> failures in a row: none below the threshold, then doubling up to the cap.</summary>
    public TimeSpan? LockoutAfter(int failures)
    {
        if (failures < LockoutThreshold)
        {
            return null;
        }

        var doublings = Math.Min(failures - LockoutThreshold, 20);
        var ticks = Math.Min(LockoutDuration.Ticks * (1L << doublings), LockoutMaxDuration.Ticks);
        return TimeSpan.FromTicks(ticks);
    }
}
