using System.Data.Common;
using Dashboard.Core.Accounts;
using Dashboard.Core.Audit;
using Dashboard.Web.Auth;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Review of issue 12, points 3 and 4: a sign-out on this replica cannot be undone by a request that read the session
/// just before it, and actions that mint or change credentials re-read the session instead of trusting the cache.
/// </summary>
public sealed class SessionEndRaceTests
{
    [Fact]
    public async Task SignOut_WhileARequestValidatesTheSession_ItsLateAnswerDoesNotRevive()
    {
        var hold = new SessionReadHold();
        await using var store = await AccountStore.CreateAsync(ParallelGuessTests.Policy, null, hold);
        await store.CreateUserAsync("ivy", "ivy-password-123");
        var principal = await store.SignInAsync("ivy", "ivy-password-123");
        var sessionId = DashboardClaims.SessionIdOf(principal)!.Value;
        var validator = store.Get<SessionValidator>();

        // A request reads the live session; before it caches its answer, the user signs out on this replica.
        hold.Arm();
        var racing = Task.Run(() => validator.IsValidAsync(principal, CancellationToken.None));
        await hold.Reached.WaitAsync(TimeSpan.FromMinutes(1));
        await store.Get<SessionService>().SignOutAsync(sessionId, new Actor("ivy"), CancellationToken.None);
        validator.Forget(sessionId);
        hold.Release();
        Assert.True(await racing);

        // Before the fix the late "valid" stayed cached for 10 s: the signed-out cookie kept working.
        Assert.False(await validator.IsValidAsync(principal, CancellationToken.None));
    }

    [Fact]
    public async Task Confirm_SessionEndedOnAnotherReplica_IsRefusedAlthoughTheCacheStillSaysValid()
    {
        await using var store = await AccountStore.CreateAsync(ParallelGuessTests.Policy);
        await store.CreateUserAsync("jack", "jack-password-123");
        var principal = await store.SignInAsync("jack", "jack-password-123", address: "198.51.100.23");
        var validator = store.Get<SessionValidator>();
        Assert.True(await validator.IsValidAsync(principal, CancellationToken.None));
        Assert.Equal(new Actor("jack", "198.51.100.23"), await validator.ConfirmAsync(principal, CancellationToken.None));

        // Another replica ends the session: this one's cache does not hear of it.
        await store.Get<SessionService>().SignOutAsync(DashboardClaims.SessionIdOf(principal)!.Value, new Actor("jack"), CancellationToken.None);

        Assert.True(await validator.IsValidAsync(principal, CancellationToken.None));
        Assert.Null(await validator.ConfirmAsync(principal, CancellationToken.None));
    }

    /// <summary>Once armed, holds the first finished read of the sessions table until released.</summary>
    private sealed class SessionReadHold : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;

        public Task Reached => _reached.Task;

        public void Arm() => Interlocked.Exchange(ref _armed, 1);

        public void Release() => _released.TrySetResult();

        public override async ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (command.CommandText.Contains("\"UserSessions\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                _reached.TrySetResult();
                await _released.Task.WaitAsync(TimeSpan.FromMinutes(1));
            }

            return result;
        }
    }
}
