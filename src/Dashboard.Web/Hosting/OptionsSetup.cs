using Dashboard.Core.Storage;
using Dashboard.Web.Options;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

internal static class OptionsSetup
{
    /// <summary>
    /// Binds every options section and validates it when the host starts; the host's start-up validator collects
    /// the failures of all sections into one exception, so a user sees every configuration error at once.
    /// </summary>
    public static WebApplicationBuilder AddDashboardOptions(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddOptions<StorageOptions>().Bind(config.GetSection(StorageOptions.SectionName))
            .PostConfigure(o => o.PostgresConnectionString ??= config.GetConnectionString("Dashboard"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<AuthOptions>().Bind(config.GetSection(AuthOptions.SectionName))
            .PostConfigure(o =>
            {
                // An empty value (e.g. an unset variable in docker-compose) means "not set".
                o.AdminPassword = string.IsNullOrEmpty(o.AdminPassword) ? null : o.AdminPassword;
                o.BootstrapApiToken = string.IsNullOrEmpty(o.BootstrapApiToken) ? null : o.BootstrapApiToken;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<ForwardedHeadersSettings>().Bind(config.GetSection(ForwardedHeadersSettings.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidator>();
        services.AddOptions<JobsOptions>().Bind(config.GetSection(JobsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        services.AddOptions<LoggingOptions>().Bind(config.GetSection(LoggingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LoggingOptions>, LoggingOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
