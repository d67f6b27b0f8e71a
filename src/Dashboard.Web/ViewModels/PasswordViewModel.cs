using System.Security.Claims;
using Dashboard.Core.Accounts;
using Dashboard.Web.Auth;

namespace Dashboard.Web.ViewModels;

/// <summary>
/// Change your own password: the current one, the new one twice, optionally revoking your API tokens too. Other
/// sessions end; this one stays. Wrong current passwords count toward the sign-in lockout.
/// </summary>
public sealed class PasswordViewModel(OwnPasswordService passwords, SessionValidator validator)
{
    public string CurrentPassword { get; set; } = string.Empty;

    public string NewPassword { get; set; } = string.Empty;

    public string ConfirmPassword { get; set; } = string.Empty;

    /// <summary>Also revoke every API token of yours (the password changes because something leaked).</summary>
    public bool RevokeApiTokens { get; set; }

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

        // The circuit's sign-in state may be minutes old: a tab signed out elsewhere must not change the password.
        if (await validator.ConfirmAsync(user, cancellationToken) is not { } actor)
        {
            CurrentPassword = NewPassword = ConfirmPassword = string.Empty;
            Error = SessionValidator.EndedMessage;
            return;
        }

        var change = new OwnPasswordChange(CurrentPassword, NewPassword, RevokeApiTokens);
        var result = await passwords.ChangeAsync(userId, change, DashboardClaims.SessionIdOf(user), actor, cancellationToken);
        CurrentPassword = NewPassword = ConfirmPassword = string.Empty;
        if (!result.Succeeded)
        {
            Error = result.Error;
            return;
        }

        validator.Forget(userId);
        Notice = "Password changed. Your other sessions are signed out; this one stays signed in."
            + (RevokeApiTokens ? " Your API tokens are revoked: create new ones where scripts need them." : string.Empty);
        RevokeApiTokens = false;
    }
}
