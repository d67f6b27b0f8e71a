using Microsoft.Extensions.Options;

namespace Dashboard.Web.Options;

/// <summary>Console output format (<c>Logging:Format</c>).</summary>
public sealed class LoggingOptions
{
    public const string SectionName = "Logging";

    /// <summary><c>text</c> (default, for people) or <c>json</c> (compact JSON, for log collectors).</summary>
    public string Format { get; set; } = "text";

    public bool IsJson => string.Equals(Format, "json", StringComparison.OrdinalIgnoreCase);
}

public sealed class LoggingOptionsValidator : IValidateOptions<LoggingOptions>
{
    public ValidateOptionsResult Validate(string? name, LoggingOptions options) =>
        options.Format.ToLowerInvariant() is "text" or "json"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Logging:Format is '{options.Format}': use 'text' or 'json'.");
}
