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
        if (await ConfirmAsync(admin, cancellationToken) is not { } actor)
        {
            return;
        }

        var result = await accounts.CreateAsync(NewUserName, NewPassword, NewRole, actor, cancellationToken);
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
        if (await ConfirmAsync(admin, cancellationToken) is not { } actor)
        {
            return;
        }

        Report(await accounts.SetRoleAsync(userId, role, actor, cancellationToken), "Role changed.");
        sessions.Forget(userId);
        await LoadAsync(cancellationToken);
    }

    public async Task SetDisabledAsync(ClaimsPrincipal admin, int userId, bool disabled, CancellationToken cancellationToken)
    {
        if (await ConfirmAsync(admin, cancellationToken) is not { } actor)
        {
            return;
        }

        Report(await accounts.SetDisabledAsync(userId, disabled, actor, cancellationToken), disabled ? "User disabled." : "User enabled.");
        sessions.Forget(userId);
        await LoadAsync(cancellationToken);
    }

    // User changes are admin actions: the circuit's sign-in state may be minutes old, the store's is not.
    private async Task<Core.Audit.Actor?> ConfirmAsync(ClaimsPrincipal admin, CancellationToken cancellationToken)
    {
        var actor = await sessions.ConfirmAsync(admin, cancellationToken);
        if (actor is null)
        {
            Error = SessionValidator.EndedMessage;
            Notice = null;
        }

        return actor;
    }

    private void Report(AccountResult result, string success)
    {
        Error = result.Error;
        Notice = result.Succeeded ? success : null;
    }
}
