using System.Security.Claims;
using Dashboard.Core.Accounts;
using Dashboard.Web.Auth;

namespace Dashboard.Web.ViewModels;

/// <summary>Change your own password: the current one, the new one twice. Other sessions end; this one stays.</summary>
public sealed class PasswordViewModel(AccountService accounts, SessionValidator validator)
{
    public string CurrentPassword { get; set; } = string.Empty;

    public string NewPassword { get; set; } = string.Empty;

    public string ConfirmPassword { get; set; } = string.Empty;

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public async Task ChangeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Notice = null;
        Error = null;
        if (DashboardClaims.UserIdOf(user) is not { } userId)
        {
            Error = "Only a signed-in user has a password to change.";
            return;
        }

        if (NewPassword != ConfirmPassword)
        {
            Error = "The new password and its confirmation differ: type the same password twice.";
            return;
        }

        var result = await accounts.ChangeOwnPasswordAsync(userId, CurrentPassword, NewPassword, DashboardClaims.SessionIdOf(user), DashboardClaims.ActorOf(user), cancellationToken);
        CurrentPassword = NewPassword = ConfirmPassword = string.Empty;
        if (!result.Succeeded)
        {
            Error = result.Error;
            return;
        }

        validator.Forget(userId);
        Notice = "Password changed. Your other sessions are signed out; this one stays signed in.";
    }
}
