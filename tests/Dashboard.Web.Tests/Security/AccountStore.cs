using Dashboard.Core.Accounts;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Auth;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// The account services over a real store (SQLite in a temporary directory, or a PostgreSQL database) on a fake
/// clock, with optional EF Core interceptors that let a test hold requests at a chosen point.
/// </summary>
internal sealed class AccountStore : IAsyncDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "dashboard-accounts-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ServiceProvider _services;

    private AccountStore(FakeTimeProvider clock, AccountPolicy policy, string? postgres, IInterceptor[] interceptors)
    {
        Clock = clock;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMemoryCache();
        services.AddSingleton<TimeProvider>(clock);
        services.AddDashboardStore(new StorageOptions { DataDirectory = _dataDirectory, PostgresConnectionString = postgres }, _dataDirectory);
        services.ConfigureDbContext<SqliteDashboardDbContext>(o => o.AddInterceptors(interceptors));
        services.ConfigureDbContext<PostgresDashboardDbContext>(o => o.AddInterceptors(interceptors));
        services.AddSingleton<StoreMigrator>();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<OwnPasswordService>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<SessionValidator>();
        services.Configure<AccountPolicy>(p =>
        {
            p.SessionIdleLifetime = policy.SessionIdleLifetime;
            p.SessionAbsoluteLifetime = policy.SessionAbsoluteLifetime;
            p.LockoutThreshold = policy.LockoutThreshold;
            p.LockoutDuration = policy.LockoutDuration;
            p.LockoutMaxDuration = policy.LockoutMaxDuration;
        });
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<AccountStore> CreateAsync(AccountPolicy policy, string? postgres = null, params IInterceptor[] interceptors)
    {
        var store = new AccountStore(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero)), policy, postgres, interceptors);
        Directory.CreateDirectory(store._dataDirectory);
        await store.Get<StoreMigrator>().MigrateAsync(CancellationToken.None);
        return store;
    }

    public async Task<UserSummary> CreateUserAsync(string userName, string password, DashboardRole role = DashboardRole.Operator)
    {
        var result = await Get<AccountService>().CreateAsync(userName, password, role, Actor.System, CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        return result.User!;
    }

    /// <summary>Signs in and returns the principal a cookie would carry.</summary>
    public async Task<System.Security.Claims.ClaimsPrincipal> SignInAsync(string userName, string password, string address = "192.0.2.10")
    {
        var result = await Get<SignInService>().SignInAsync(userName, password, new SignInRequest(new Actor("anonymous", address), "test-browser/1.0"), CancellationToken.None);
        Assert.Equal(SignInStatus.Succeeded, result.Status);
        return DashboardClaims.ForUser(result.User!.Id, result.User.UserName, result.User.Role, result.SessionId!.Value);
    }

    public async Task<(int Failures, DateTime? LockedUntil)> LockoutOfAsync(string userName)
    {
        await using var db = await Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        return (user.FailedSignIns, user.LockedUntil);
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action) =>
        (await Get<IAuditLog>().QueryAsync(new AuditQuery(Action: action, PageSize: 500), CancellationToken.None)).Items;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
