using Microsoft.Extensions.Options;

namespace Dashboard.Web.Options;

/// <summary>Sign-in settings (<c>Auth</c> section).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Presets the first admin's password; otherwise a random one is printed once at first start.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>A bearer token accepted as an admin on <c>/api</c>, for automation that starts before any user exists.</summary>
    public string? BootstrapApiToken { get; set; }

    /// <summary>How long a sign-in lasts without activity.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}

public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (options.AdminPassword is { } password && password.Length < Core.Accounts.AccountService.MinimumPasswordLength)
        {
            errors.Add($"Auth:AdminPassword is too short: use at least {Core.Accounts.AccountService.MinimumPasswordLength} characters, or remove it to get a random one.");
        }

        if (options.BootstrapApiToken is { } token && token.Length < 32)
        {
            errors.Add("Auth:BootstrapApiToken is too short: use at least 32 random characters (e.g. `openssl rand -hex 32`).");
        }

        if (options.SessionLifetime < TimeSpan.FromMinutes(5) || options.SessionLifetime > TimeSpan.FromDays(30))
        {
            errors.Add("Auth:SessionLifetime must be between 00:05:00 and 30.00:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
