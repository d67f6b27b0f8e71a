using Dashboard.Core.Accounts;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Security;

/// <summary>Sessions' absolute and idle ends and the lockout's back-off, on a real SQLite store and a fake clock.</summary>
public sealed class SessionAndLockoutRulesTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "dashboard-rules-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;

    public SessionAndLockoutRulesTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddDashboardStore(new StorageOptions { DataDirectory = _dataDirectory }, _dataDirectory);
        services.AddSingleton<StoreMigrator>();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<SessionService>();
        services.Configure<AccountPolicy>(p =>
        {
            p.SessionIdleLifetime = TimeSpan.FromHours(8);
            p.SessionAbsoluteLifetime = TimeSpan.FromHours(24);
            p.LockoutThreshold = 3;
            p.LockoutDuration = TimeSpan.FromMinutes(1);
            p.LockoutMaxDuration = TimeSpan.FromMinutes(5);
        });
        _services = services.BuildServiceProvider();
    }

    private SignInService SignIn => _services.GetRequiredService<SignInService>();

    private SessionService Sessions => _services.GetRequiredService<SessionService>();

    private static SignInRequest Client => new(new Actor("anonymous", "192.0.2.1"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        await _services.GetRequiredService<StoreMigrator>().MigrateAsync(CancellationToken.None);
        await _services.GetRequiredService<AccountService>().CreateAsync("erin", "erin-password-123", DashboardRole.Operator, Actor.System, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Session_KeptBusy_StillEndsAtItsAbsoluteLifetime()
    {
        var session = (await SignIn.SignInAsync("erin", "erin-password-123", Client, CancellationToken.None)).SessionId!.Value;
        for (var hour = 0; hour < 23; hour++)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            Assert.NotNull(await Sessions.ValidateAsync(session, CancellationToken.None));
        }

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(await Sessions.ValidateAsync(session, CancellationToken.None));
    }

    [Fact]
    public async Task Session_LeftIdle_EndsAfterTheIdleLifetime()
    {
        var session = (await SignIn.SignInAsync("erin", "erin-password-123", Client, CancellationToken.None)).SessionId!.Value;
        _clock.Advance(TimeSpan.FromHours(7));
        Assert.NotNull(await Sessions.ValidateAsync(session, CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(8));
        Assert.Null(await Sessions.ValidateAsync(session, CancellationToken.None));
    }

    [Fact]
    public async Task Lockout_AfterTheThreshold_DoublesUpToTheCap_RefusesTheRightPassword_ResetsOnSuccess()
    {
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(SignInStatus.InvalidCredentials, (await SignIn.SignInAsync("erin", "wrong-password-" + i, Client, CancellationToken.None)).Status);
        }

        var third = await SignIn.SignInAsync("erin", "wrong-password-3", Client, CancellationToken.None);
        Assert.Equal((SignInStatus.LockedOut, TimeSpan.FromMinutes(1)), (third.Status, third.RetryAfter));

        // Locked: even the right password is refused, and the refusal says how long is left.
        _clock.Advance(TimeSpan.FromSeconds(20));
        var locked = await SignIn.SignInAsync("erin", "erin-password-123", Client, CancellationToken.None);
        Assert.Equal((SignInStatus.LockedOut, TimeSpan.FromSeconds(40)), (locked.Status, locked.RetryAfter));

        _clock.Advance(TimeSpan.FromSeconds(41));
        Assert.Equal(TimeSpan.FromMinutes(2), (await SignIn.SignInAsync("erin", "wrong-again", Client, CancellationToken.None)).RetryAfter);
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(TimeSpan.FromMinutes(4), (await SignIn.SignInAsync("erin", "wrong-again", Client, CancellationToken.None)).RetryAfter);
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.FromMinutes(5), (await SignIn.SignInAsync("erin", "wrong-again", Client, CancellationToken.None)).RetryAfter);

        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(SignInStatus.Succeeded, (await SignIn.SignInAsync("erin", "erin-password-123", Client, CancellationToken.None)).Status);
        Assert.Equal(SignInStatus.InvalidCredentials, (await SignIn.SignInAsync("erin", "wrong-after-success", Client, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task UnknownUser_IsRecordedAsUnknown_NotAsTheTypedText()
    {
        const string typed = "Pa55word-typed-in-the-name-field";
        Assert.Equal(SignInStatus.InvalidCredentials, (await SignIn.SignInAsync(typed, "whatever", Client, CancellationToken.None)).Status);

        var audit = await _services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Action: "auth.login"), CancellationToken.None);
        var entry = Assert.Single(audit.Items);
        Assert.Equal(SignInService.UnknownUser, entry.Actor);
        Assert.Null(entry.Subject);
        Assert.DoesNotContain(typed.ToLowerInvariant(), $"{entry.Actor} {entry.Subject} {entry.Details}", StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(2, null)]
    [InlineData(3, 60)]
    [InlineData(4, 120)]
    [InlineData(5, 240)]
    [InlineData(6, 300)]
    [InlineData(60, 300)]
    public void LockoutAfter_Failures_DoublesFromTheThresholdAndIsCapped(int failures, int? seconds)
    {
        var policy = new AccountPolicy { LockoutThreshold = 3, LockoutDuration = TimeSpan.FromMinutes(1), LockoutMaxDuration = TimeSpan.FromMinutes(5) };
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, policy.LockoutAfter(failures));
    }
}
