using System.Net;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Ibm;

/// <summary>Checks <see cref="IbmOptions"/> at start-up and reports every problem at once.</summary>
public sealed class IbmOptionsValidator : IValidateOptions<IbmOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IbmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        CheckUrl(errors, "Ibm:ApiBaseUrl", options.ApiBaseUrl, "https://containers.cloud.ibm.com/global");
        CheckUrl(errors, "Ibm:IamTokenUrl", options.IamTokenUrl, "https://iam.cloud.ibm.com/identity/token");
        CheckPositive(errors, "Ibm:AttemptTimeout", options.AttemptTimeout);
        CheckPositive(errors, "Ibm:TotalTimeout", options.TotalTimeout);
        CheckPositive(errors, "Ibm:RetryBaseDelay", options.RetryBaseDelay);
        CheckPositive(errors, "Ibm:MaxRetryDelay", options.MaxRetryDelay);
        if (options.TotalTimeout > TimeSpan.Zero && options.AttemptTimeout > options.TotalTimeout)
        {
            errors.Add($"Ibm:AttemptTimeout ({options.AttemptTimeout}) is longer than Ibm:TotalTimeout ({options.TotalTimeout}); make the attempt timeout the shorter one.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add($"Ibm:MaxRetries is {options.MaxRetries}; use a number from 0 (no retries) to 10.");
        }

        if (options.RetryBaseDelay > options.MaxRetryDelay && options.MaxRetryDelay > TimeSpan.Zero)
        {
            errors.Add($"Ibm:RetryBaseDelay ({options.RetryBaseDelay}) is longer than Ibm:MaxRetryDelay ({options.MaxRetryDelay}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUrl(List<string> errors, string key, string? value, string example)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{key} '{value}' is not an absolute http(s) URL; set it to e.g. {example}.");
            return;
        }

        // Plain HTTP would send API keys and tokens in the clear; only loopback (the sandbox simulator) may use it.
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            errors.Add($"{key} '{value}' uses plain http to a non-loopback host; use https (plain http is allowed only for 127.0.0.1/localhost).");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            errors.Add($"{key} '{value}' must not contain a query or fragment.");
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static void CheckPositive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} is {value}; it must be a positive duration such as 00:00:10.");
        }
    }
}
