using Dashboard.Core.Accounts;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Review of issue 12, points 2 and 4: changing one's password is no unthrottled password oracle (wrong current
/// passwords count toward the sign-in lockout, and a locked account takes none), and it can revoke one's API tokens.
/// </summary>
public sealed class OwnPasswordServiceTests
{
    [Fact]
    public async Task WrongCurrentPasswords_LockTheAccount_ThenEvenTheRightOneIsRefused_AndSignInToo()
    {
        await using var store = await AccountStore.CreateAsync(ParallelGuessTests.Policy);
        var user = await store.CreateUserAsync("kate", "kate-password-123");
        var passwords = store.Get<OwnPasswordService>();
        var actor = new Actor("kate", "192.0.2.10");
        Task<AccountResult> ChangeAsync(string current) =>
            passwords.ChangeAsync(user.Id, new OwnPasswordChange(current, "kate-new-password-456"), null, actor, CancellationToken.None);

        Assert.Null((await ChangeAsync("guess-1")).RetryAfter);
        Assert.Null((await ChangeAsync("guess-2")).RetryAfter);
        var third = await ChangeAsync("guess-3");
        Assert.Equal(TimeSpan.FromMinutes(1), third.RetryAfter);
        Assert.Contains("current password is wrong", third.Error, StringComparison.Ordinal);

        // Locked: the right current password is refused too (before the fix it changed the password), and so is a sign-in.
        store.Clock.Advance(TimeSpan.FromSeconds(30));
        var refused = await ChangeAsync("kate-password-123");
        Assert.False(refused.Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.RetryAfter);
        var signIn = await store.Get<SignInService>().SignInAsync("kate", "kate-password-123", new SignInRequest(actor), CancellationToken.None);
        Assert.Equal(SignInStatus.LockedOut, signIn.Status);

        store.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True((await ChangeAsync("kate-password-123")).Succeeded);
        Assert.Equal((0, (DateTime?)null), await store.LockoutOfAsync("kate"));
        var denied = (await store.AuditAsync("user.password")).Where(e => e.Result == AuditResult.Denied).ToList();
        Assert.Equal(4, denied.Count);
        Assert.All(denied, e => Assert.Equal("192.0.2.10", e.RemoteAddress));
    }

    [Fact]
    public async Task RevokeApiTokens_RevokesEveryTokenOfTheUser_InTheSameChange_OthersKeepTheirs()
    {
        await using var store = await AccountStore.CreateAsync(ParallelGuessTests.Policy);
        var user = await store.CreateUserAsync("liam", "liam-password-123");
        var other = await store.CreateUserAsync("mona", "mona-password-123");
        var tokens = store.Get<ApiTokenService>();
        var ci = await tokens.CreateAsync(user.Id, "ci", ApiTokenService.DefaultLifetime, Actor.System, CancellationToken.None);
        var laptop = await tokens.CreateAsync(user.Id, "laptop", null, Actor.System, CancellationToken.None);
        var others = await tokens.CreateAsync(other.Id, "mona's", null, Actor.System, CancellationToken.None);
        var principal = await store.SignInAsync("liam", "liam-password-123");

        var kept = await store.Get<OwnPasswordService>().ChangeAsync(
            user.Id, new OwnPasswordChange("liam-password-123", "liam-new-password-456"), DashboardClaims.SessionIdOf(principal), Actor.System, CancellationToken.None);
        Assert.True(kept.Succeeded);
        Assert.NotNull(await tokens.AuthenticateAsync(ci.Token, CancellationToken.None));

        var revoked = await store.Get<OwnPasswordService>().ChangeAsync(
            user.Id, new OwnPasswordChange("liam-new-password-456", "liam-third-password-789", RevokeApiTokens: true), DashboardClaims.SessionIdOf(principal), Actor.System, CancellationToken.None);

        Assert.True(revoked.Succeeded);
        Assert.Null(await tokens.AuthenticateAsync(ci.Token, CancellationToken.None));
        Assert.Null(await tokens.AuthenticateAsync(laptop.Token, CancellationToken.None));
        Assert.NotNull(await tokens.AuthenticateAsync(others.Token, CancellationToken.None));
        Assert.Contains("2 API token(s) revoked", (await store.AuditAsync("user.password"))[0].Details, StringComparison.Ordinal);
        Assert.True(await store.Get<SessionValidator>().IsValidAsync(principal, CancellationToken.None));
    }
}
