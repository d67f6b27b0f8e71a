using System.Security.Claims;
using Dashboard.Core.Accounts;
using Dashboard.Core.Storage;
using Dashboard.Web.Auth;

namespace Dashboard.Web.ViewModels;

/// <summary>User management for admins: list, create, change role, enable/disable.</summary>
public sealed class UsersViewModel(AccountService accounts, SessionValidator sessions)
{
    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    public string NewUserName { get; set; } = string.Empty;

    public string NewPassword { get; set; } = string.Empty;

    public DashboardRole NewRole { get; set; } = DashboardRole.Viewer;

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken) => Users = await accounts.ListAsync(cancellationToken);

    public async Task CreateAsync(ClaimsPrincipal admin, CancellationToken cancellationToken)
    {
        var result = await accounts.CreateAsync(NewUserName, NewPassword, NewRole, DashboardClaims.ActorOf(admin), cancellationToken);
        NewPassword = string.Empty;
        Report(result, $"Created {result.User?.UserName}.");
        if (result.Succeeded)
        {
            NewUserName = string.Empty;
        }

        await LoadAsync(cancellationToken);
    }

    public async Task SetRoleAsync(ClaimsPrincipal admin, int userId, DashboardRole role, CancellationToken cancellationToken)
    {
        Report(await accounts.SetRoleAsync(userId, role, DashboardClaims.ActorOf(admin), cancellationToken), "Role changed.");
        sessions.Forget(userId);
        await LoadAsync(cancellationToken);
    }

    public async Task SetDisabledAsync(ClaimsPrincipal admin, int userId, bool disabled, CancellationToken cancellationToken)
    {
        Report(await accounts.SetDisabledAsync(userId, disabled, DashboardClaims.ActorOf(admin), cancellationToken), disabled ? "User disabled." : "User enabled.");
        sessions.Forget(userId);
        await LoadAsync(cancellationToken);
    }

    private void Report(AccountResult result, string success)
    {
        Error = result.Error;
        Notice = result.Succeeded ? success : null;
    }
}
