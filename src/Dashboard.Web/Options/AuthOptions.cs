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

    /// <summary>How long a sign-in lasts without activity (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a sign-in lasts at most, however active: a stolen session cannot be kept alive forever.</summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often an open page re-checks its session: a page signed out elsewhere loses access within this.</summary>
    public TimeSpan CircuitRevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Marks the sign-in cookie (the credential) <c>Secure</c> whatever the request's scheme; otherwise it follows the
    /// scheme (behind a TLS-terminating proxy, from <c>X-Forwarded-Proto</c> of a known proxy). The antiforgery cookie
    /// always follows the scheme: ASP.NET Core refuses to issue a Secure one over plain HTTP.
    /// </summary>
    public bool RequireSecureCookies { get; set; }

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>The first lockout; it doubles with each further failure.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest lockout.</summary>
    public TimeSpan LockoutMaxDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts per client address and minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 20;
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

        if (options.SessionAbsoluteLifetime < options.SessionLifetime || options.SessionAbsoluteLifetime > TimeSpan.FromDays(90))
        {
            errors.Add($"Auth:SessionAbsoluteLifetime must be at least Auth:SessionLifetime ({options.SessionLifetime}) and at most 90.00:00:00.");
        }

        if (options.CircuitRevalidationInterval < TimeSpan.FromSeconds(1) || options.CircuitRevalidationInterval > TimeSpan.FromMinutes(30))
        {
            errors.Add("Auth:CircuitRevalidationInterval must be between 00:00:01 and 00:30:00.");
        }

        if (options.LockoutThreshold is < 1 or > 100)
        {
            errors.Add($"Auth:LockoutThreshold is {options.LockoutThreshold}: use 1 to 100 failed sign-ins.");
        }

        if (options.LockoutDuration < TimeSpan.FromSeconds(1) || options.LockoutMaxDuration < options.LockoutDuration || options.LockoutMaxDuration > TimeSpan.FromDays(1))
        {
            errors.Add("Auth:LockoutDuration must be at least 00:00:01, and Auth:LockoutMaxDuration between it and 1.00:00:00.");
        }

        if (options.SignInAttemptsPerMinute is < 1 or > 10_000)
        {
            errors.Add($"Auth:SignInAttemptsPerMinute is {options.SignInAttemptsPerMinute}: use 1 to 10000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
