using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Settings;
using Dashboard.Web.ViewModels;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Components.Settings;

/// <summary>The Settings tabs for tokens and users, over the real account services and a real SQLite store.</summary>
public sealed class SettingsComponentTests : BunitContext, IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "dashboard-settings-" + Guid.NewGuid().ToString("N")[..8]);
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;
    private ClaimsPrincipal _admin = null!;

    public SettingsComponentTests()
    {
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddMemoryCache();
        Services.AddSingleton(TimeProvider.System);
        Services.AddDashboardStore(new StorageOptions { DataDirectory = _dataDirectory }, _dataDirectory);
        Services.AddSingleton<StoreMigrator>();
        Services.AddSingleton<IAuditLog, AuditLog>();
        Services.AddSingleton<AccountService>();
        Services.AddSingleton<OwnPasswordService>();
        Services.AddSingleton<ApiTokenService>();
        Services.AddSingleton<SignInService>();
        Services.AddSingleton<SessionService>();
        Services.AddSingleton<SessionValidator>();
        Services.AddTransient<TokensViewModel>();
        Services.AddTransient<UsersViewModel>();
        Services.AddTransient<SessionsViewModel>();
        Services.AddTransient<PasswordViewModel>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }

    private AccountService Accounts => Services.GetRequiredService<AccountService>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        await Services.GetRequiredService<StoreMigrator>().MigrateAsync(CancellationToken.None);
        Assert.True((await Accounts.CreateAsync("admin", "admin-password-123", DashboardRole.Admin, Actor.System, CancellationToken.None)).Succeeded);
        _admin = await SignInAsync("admin", "admin-password-123", "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _popovers = Render<MudPopoverProvider>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task TokenSettings_CreateShowsTheTokenOnceThenRevokeEndsIt()
    {
        var tokens = Services.GetRequiredService<ApiTokenService>();
        var cut = RenderAsAdmin<TokenSettings>();
        cut.WaitForAssertion(() => Assert.Contains("You have no API tokens.", cut.Markup, StringComparison.Ordinal));

        cut.Find("input[data-testid=token-name]").Change("CI pipeline");
        cut.Find("button[data-testid=token-create]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=new-token] .token-value")));
        var token = cut.Find("[data-testid=new-token] .token-value").TextContent.Trim();
        Assert.StartsWith(ApiTokenService.TokenPrefix, token, StringComparison.Ordinal);
        Assert.Equal("admin", (await tokens.AuthenticateAsync(token, CancellationToken.None))?.UserName);
        Assert.Equal("CI pipeline", cut.Find("[data-testid=token-name-cell]").TextContent.Trim());
        Assert.Equal("active", cut.Find("[data-testid=token-state]").TextContent.Trim());
        Assert.Equal(2, cut.Markup.Split(token).Length); // shown exactly once

        // Dismissed, it is gone; a later visit lists the token but never shows it again.
        cut.Find("[data-testid=new-token] button:not([data-testid=token-copy])").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=new-token]")));
        Assert.DoesNotContain(token, cut.Markup, StringComparison.Ordinal);
        var later = RenderAsAdmin<TokenSettings>();
        later.WaitForAssertion(() => Assert.Equal("CI pipeline", later.Find("[data-testid=token-name-cell]").TextContent.Trim()));
        Assert.DoesNotContain(token, later.Markup, StringComparison.Ordinal);
        Assert.Contains(token[..(ApiTokenService.TokenPrefix.Length + 4)], later.Markup, StringComparison.Ordinal);

        later.Find("button[data-testid=token-revoke]").Click();
        later.WaitForAssertion(() => Assert.Equal("revoked", later.Find("[data-testid=token-state]").TextContent.Trim()));
        Assert.Empty(later.FindAll("[data-testid=token-revoke]"));
        Assert.Null(await tokens.AuthenticateAsync(token, CancellationToken.None));
        var audit = await Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Action: "token."), CancellationToken.None);
        Assert.Equal(new[] { "token.revoke", "token.create" }, audit.Items.Select(e => e.Action));

        // The circuit's changes carry the address the session signed in from (before, none).
        Assert.All(audit.Items, e => Assert.Equal("192.0.2.10", e.RemoteAddress));
    }

    [Fact]
    public async Task TokenSettings_LifetimeLeftAlone_ExpiresIn90Days_NeverOnlyWhenTicked_CopyButtonCopiesIt()
    {
        var tokens = Services.GetRequiredService<ApiTokenService>();
        var cut = RenderAsAdmin<TokenSettings>();
        cut.WaitForAssertion(() => Assert.Contains("You have no API tokens.", cut.Markup, StringComparison.Ordinal));

        // An emptied lifetime no longer means "never": it is refused and nothing is created.
        cut.Find("input[data-testid=token-name]").Change("emptied");
        cut.Find("input[data-testid=token-lifetime]").Change(string.Empty);
        cut.Find("button[data-testid=token-create]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Never expires", cut.Find("[data-testid=token-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(await tokens.ListAsync(null, CancellationToken.None));

        cut.Find("input[data-testid=token-lifetime]").Change("90");
        cut.Find("button[data-testid=token-create]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=new-token]")));
        var created = Assert.Single(await tokens.ListAsync(null, CancellationToken.None));
        Assert.InRange(created.ExpiresAt!.Value - created.CreatedAt, TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(90) + TimeSpan.FromMinutes(1));
        Assert.Contains($"it expires on {created.ExpiresAt:yyyy-MM-dd}", cut.Find("[data-testid=new-token]").TextContent, StringComparison.Ordinal);

        // The copy button hands exactly the token to the clipboard.
        var token = cut.Find("[data-testid=new-token-value]").TextContent.Trim();
        cut.Find("button[data-testid=token-copy]").Click();
        var copy = Assert.Single(JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText");
        Assert.Equal(token, copy.Arguments.Single());

        cut.Find("input[data-testid=token-name]").Change("forever");
        cut.Find("input[data-testid=token-never-expires]").Change(true);
        cut.Find("button[data-testid=token-create]").Click();
        cut.WaitForAssertion(() => Assert.Contains("it never expires", cut.Find("[data-testid=new-token]").TextContent, StringComparison.Ordinal));
        Assert.Null((await tokens.ListAsync(null, CancellationToken.None)).Single(t => t.Name == "forever").ExpiresAt);
    }

    [Fact]
    public async Task SessionSettings_ListsLiveSessions_MarksThisOne_RevokingAnotherEndsIt()
    {
        var other = await SignInAsync("admin", "admin-password-123", "curl/8.5.0");
        var validator = Services.GetRequiredService<SessionValidator>();
        Assert.True(await validator.IsValidAsync(other, CancellationToken.None));

        var cut = RenderAsAdmin<SessionSettings>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=session-browser]").Count));
        var current = Assert.Single(cut.FindAll("tr"), r => r.QuerySelector("[data-testid=session-current]") is not null);
        Assert.Contains("Chrome", current.TextContent, StringComparison.Ordinal);
        Assert.Contains("Read at", cut.Find("[data-testid=sessions-read-at]").TextContent, StringComparison.Ordinal);

        cut.FindAll("tr").Single(r => r.TextContent.Contains("curl", StringComparison.Ordinal)).QuerySelector("button[data-testid=session-revoke]")!.Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=session-browser]")));
        Assert.Contains("signed out", cut.Find("[data-testid=session-notice]").TextContent, StringComparison.Ordinal);
        Assert.False(await validator.IsValidAsync(other, CancellationToken.None));
        Assert.True(await validator.IsValidAsync(_admin, CancellationToken.None));
        var audit = await Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Action: "session.revoke"), CancellationToken.None);
        Assert.Equal("192.0.2.10", Assert.Single(audit.Items).RemoteAddress);
    }

    [Fact]
    public void SessionSettings_ShowsTheIdleAndTheAbsoluteEnd_AndLifetimesInWords()
    {
        var cut = RenderAsAdmin<SessionSettings>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=session-browser]")));

        var intro = cut.Find("p, .mud-typography").TextContent;
        Assert.Contains("after 8 hours of inactivity and at the latest 1 day after sign-in", intro, StringComparison.Ordinal);
        Assert.DoesNotContain("08:00:00", cut.Markup, StringComparison.Ordinal);
        var headers = cut.FindAll("th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Ends if left idle", headers);
        Assert.Contains("Ends at the latest", headers);

        // Just signed in: idle for 8 hours ends it first; the absolute end is 24 hours after sign-in.
        var idleEnd = DateTime.Parse(cut.Find("[data-testid=session-idle-end]").TextContent.Replace(" UTC", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTime.Parse(cut.Find("[data-testid=session-end]").TextContent.Replace(" UTC", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(16), end - idleEnd);
    }

    [Theory]
    [InlineData(8 * 60, "8 hours")]
    [InlineData(24 * 60, "1 day")]
    [InlineData(36 * 60, "1 day 12 hours")]
    [InlineData(90, "1 hour 30 minutes")]
    [InlineData(1, "1 minute")]
    public void Duration_ReadsAsPeopleSayIt(int minutes, string expected) =>
        Assert.Equal(expected, SessionsViewModel.Duration(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public async Task SignedOutElsewhere_ACachedValidSession_MintsNoToken_ChangesNoPassword_RevokesNoSession()
    {
        var other = await SignInAsync("admin", "admin-password-123", "curl/8.5.0");
        var tokens = Services.GetRequiredService<ApiTokenService>();
        var validator = Services.GetRequiredService<SessionValidator>();
        var tokenTab = RenderAsAdmin<TokenSettings>();
        var passwordTab = RenderAsAdmin<PasswordSettings>();
        var sessionsTab = RenderAsAdmin<SessionSettings>();
        sessionsTab.WaitForAssertion(() => Assert.Equal(2, sessionsTab.FindAll("[data-testid=session-browser]").Count));

        // The circuit's state says signed in and this replica's cache agrees; another replica has ended the session.
        Assert.True(await validator.IsValidAsync(_admin, CancellationToken.None));
        await Services.GetRequiredService<SessionService>().SignOutAsync(DashboardClaims.SessionIdOf(_admin)!.Value, new Actor("admin"), CancellationToken.None);
        Assert.True(await validator.IsValidAsync(_admin, CancellationToken.None));

        tokenTab.Find("input[data-testid=token-name]").Change("after sign-out");
        tokenTab.Find("button[data-testid=token-create]").Click();
        tokenTab.WaitForAssertion(() => Assert.Contains("session has ended", tokenTab.Find("[data-testid=token-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(tokenTab.FindAll("[data-testid=new-token]"));
        Assert.Empty(await tokens.ListAsync(null, CancellationToken.None));

        passwordTab.Find("input[data-testid=password-current]").Change("admin-password-123");
        passwordTab.Find("input[data-testid=password-new]").Change("a-new-password-456");
        passwordTab.Find("input[data-testid=password-confirm]").Change("a-new-password-456");
        passwordTab.Find("button[data-testid=password-change]").Click();
        passwordTab.WaitForAssertion(() => Assert.Contains("session has ended", passwordTab.Find("[data-testid=password-error]").TextContent, StringComparison.Ordinal));

        sessionsTab.FindAll("tr").Single(r => r.TextContent.Contains("curl", StringComparison.Ordinal)).QuerySelector("button[data-testid=session-revoke]")!.Click();
        sessionsTab.WaitForAssertion(() => Assert.Contains("session has ended", sessionsTab.Find("[data-testid=session-error]").TextContent, StringComparison.Ordinal));

        Assert.True(await validator.IsValidAsync(other, CancellationToken.None));
        var signIn = Services.GetRequiredService<SignInService>();
        Assert.Equal(SignInStatus.Succeeded, (await signIn.SignInAsync("admin", "admin-password-123", new SignInRequest(new Actor("anonymous")), CancellationToken.None)).Status);
        var audit = await Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(), CancellationToken.None);
        Assert.DoesNotContain(audit.Items, e => e.Action is "token.create" or "user.password" or "session.revoke");
    }

    [Fact]
    public async Task PasswordSettings_AlsoRevokeMyTokens_RevokesThem()
    {
        var tokens = Services.GetRequiredService<ApiTokenService>();
        var created = await tokens.CreateAsync(DashboardClaims.UserIdOf(_admin)!.Value, "ci", ApiTokenService.DefaultLifetime, Actor.System, CancellationToken.None);
        var cut = RenderAsAdmin<PasswordSettings>();

        cut.Find("input[data-testid=password-current]").Change("admin-password-123");
        cut.Find("input[data-testid=password-new]").Change("a-new-password-456");
        cut.Find("input[data-testid=password-confirm]").Change("a-new-password-456");
        cut.Find("input[data-testid=password-revoke-tokens]").Change(true);
        cut.Find("button[data-testid=password-change]").Click();

        cut.WaitForAssertion(() => Assert.Contains("API tokens are revoked", cut.Find("[data-testid=password-notice]").TextContent, StringComparison.Ordinal));
        Assert.Null(await tokens.AuthenticateAsync(created.Token, CancellationToken.None));
        var entry = Assert.Single((await Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Action: "user.password"), CancellationToken.None)).Items);
        Assert.Equal("192.0.2.10", entry.RemoteAddress);
        Assert.Contains("1 API token(s) revoked", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordSettings_WrongCurrentChangesNothing_ChangeKeepsThisSessionAndEndsTheOthers()
    {
        var other = await SignInAsync("admin", "admin-password-123", "curl/8.5.0");
        var validator = Services.GetRequiredService<SessionValidator>();
        var cut = RenderAsAdmin<PasswordSettings>();

        cut.Find("input[data-testid=password-current]").Change("not-my-password");
        cut.Find("input[data-testid=password-new]").Change("a-new-password-456");
        cut.Find("input[data-testid=password-confirm]").Change("a-new-password-456");
        cut.Find("button[data-testid=password-change]").Click();
        cut.WaitForAssertion(() => Assert.Contains("current password is wrong", cut.Find("[data-testid=password-error]").TextContent, StringComparison.Ordinal));
        Assert.True(await validator.IsValidAsync(other, CancellationToken.None));

        cut.Find("input[data-testid=password-current]").Change("admin-password-123");
        cut.Find("input[data-testid=password-new]").Change("a-new-password-456");
        cut.Find("input[data-testid=password-confirm]").Change("a-new-password-456");
        cut.Find("button[data-testid=password-change]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Password changed", cut.Find("[data-testid=password-notice]").TextContent, StringComparison.Ordinal));

        Assert.False(await validator.IsValidAsync(other, CancellationToken.None));
        Assert.True(await validator.IsValidAsync(_admin, CancellationToken.None));
        var signIn = Services.GetRequiredService<SignInService>();
        var client = new SignInRequest(new Actor("anonymous"));
        Assert.Equal(SignInStatus.InvalidCredentials, (await signIn.SignInAsync("admin", "admin-password-123", client, CancellationToken.None)).Status);
        Assert.Equal(SignInStatus.Succeeded, (await signIn.SignInAsync("admin", "a-new-password-456", client, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task UserAdministration_CreateChangeRoleDisable_ReachTheStore()
    {
        var cut = RenderAsAdmin<UserAdministration>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=user-name]")));

        cut.Find("input[data-testid=new-user-name]").Change("carol");
        cut.Find("input[data-testid=new-user-password]").Change("carol-password-123");
        cut.Find("button[data-testid=user-create]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Created carol.", cut.Find("[data-testid=user-notice]").TextContent.Trim()));
        Assert.Equal("enabled", Row(cut, "carol").QuerySelector("[data-testid=user-state]")!.TextContent.Trim());
        Assert.True(string.IsNullOrEmpty(cut.Find("input[data-testid=new-user-password]").GetAttribute("value")), "the password field keeps the password");
        var carol = (await Accounts.ListAsync(CancellationToken.None)).Single(u => u.UserName == "carol");
        Assert.Equal(DashboardRole.Viewer, carol.Role);

        // The role, chosen from the row's drop-down.
        Row(cut, "carol").QuerySelector("div.mud-input-control")!.MouseDown();
        _popovers.WaitForAssertion(() => Assert.NotEmpty(_popovers.FindAll("div.mud-list-item")));
        _popovers.FindAll("div.mud-list-item").Single(i => i.TextContent.Trim() == nameof(DashboardRole.Operator)).Click();
        cut.WaitForAssertion(() => Assert.Equal("Role changed.", cut.Find("[data-testid=user-notice]").TextContent.Trim()));
        Assert.Equal(DashboardRole.Operator, (await Accounts.FindAsync(carol.Id, CancellationToken.None))!.Role);

        Row(cut, "carol").QuerySelector("button[data-testid=user-toggle]")!.Click();
        cut.WaitForAssertion(() => Assert.Equal("disabled", Row(cut, "carol").QuerySelector("[data-testid=user-state]")!.TextContent.Trim()));
        Assert.Equal("Enable", Row(cut, "carol").QuerySelector("button[data-testid=user-toggle]")!.TextContent.Trim());
        Assert.True((await Accounts.FindAsync(carol.Id, CancellationToken.None))!.Disabled);

        // The last admin cannot lock everyone out: the refusal is shown and nothing changes.
        Row(cut, "admin").QuerySelector("button[data-testid=user-toggle]")!.Click();
        cut.WaitForAssertion(() => Assert.Contains("last enabled admin", cut.Find("[data-testid=user-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("enabled", Row(cut, "admin").QuerySelector("[data-testid=user-state]")!.TextContent.Trim());
    }

    // A real sign-in: the principal carries a live session, as the cookie would.
    private async Task<ClaimsPrincipal> SignInAsync(string userName, string password, string userAgent)
    {
        var result = await Services.GetRequiredService<SignInService>().SignInAsync(userName, password, new SignInRequest(new Actor("anonymous", "192.0.2.10"), userAgent), CancellationToken.None);
        Assert.Equal(SignInStatus.Succeeded, result.Status);
        return DashboardClaims.ForUser(result.User!.Id, result.User.UserName, result.User.Role, result.SessionId!.Value);
    }

    private IRenderedComponent<T> RenderAsAdmin<T>()
        where T : IComponent =>
        Render<T>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(_admin))));

    private static IElement Row<T>(IRenderedComponent<T> cut, string userName)
        where T : IComponent =>
        cut.FindAll("tr").Single(r => r.QuerySelector("[data-testid=user-name]")?.TextContent.Trim() == userName);
}
