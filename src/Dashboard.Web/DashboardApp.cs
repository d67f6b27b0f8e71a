using Dashboard.Core.Storage;
using Dashboard.Web.Auth;
using Dashboard.Web.Hosting;
using Dashboard.Web.Jobs;
using Dashboard.Web.Security;
using Microsoft.Extensions.Options;
using Serilog;

namespace Dashboard.Web;

/// <summary>Builds the dashboard. Tests call <see cref="CreateAsync"/> with their own settings and a real loopback port.</summary>
public static class DashboardApp
{
    /// <summary>Composes the app from one <c>AddXyz</c> per concern; <paramref name="configure"/> runs last, for tests.</summary>
    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        // The application name is fixed so that hosts other than our own entry point (test runners) find the same
        // static web assets manifests.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(DashboardApp).Assembly.GetName().Name });

        // Library and framework assets (MudBlazor, blazor.web.js) come from the build's static web assets manifest in
        // every environment, beside the top-level wwwroot; a published image has them in its own wwwroot instead.
        builder.WebHost.UseStaticWebAssets();
        builder.AddDashboardOptions()
            .AddDashboardLogging()
            .AddDashboardStorage()
            .AddDashboardAuth()
            .AddDashboardSecurity()
            .AddDashboardJobs()
            .AddDashboardClusters()
            .AddDashboardHealth()
            .AddDashboardApi()
            .AddDashboardUi();
        configure?.Invoke(builder);

        var app = builder.Build();

        // Validate before anything below touches the store or the job storage, so configuration errors come first, all at once.
        app.Services.GetService<IStartupValidator>()?.Validate();
        Directory.CreateDirectory(app.Services.GetRequiredService<DataDirectory>().Path);
        await app.Services.GetRequiredService<StoreInitializer>().InitializeAsync(cancellationToken);

        // The client's address and scheme as a known proxy saw them, before anything records or judges them.
        app.UseDashboardForwardedHeaders();
        app.UseSerilogRequestLogging(options =>
        {
            // The app's own logger (see AddDashboardLogging), not the static one the middleware defaults to.
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.EnrichDiagnosticContext = (diagnostics, http) => diagnostics.Set("RequestId", http.TraceIdentifier);
        });
        app.UseSecurityHeaders();
        app.UseDashboardErrorResponses();
        // Before routing: a matched endpoint (e.g. a Razor component route) would make the static file middleware stand aside.
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseCrossSiteRequestGuard();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseJobsDashboardAudit();

        app.MapStaticAssets().AllowAnonymous();
        app.MapDashboardHealth();
        app.MapAccountEndpoints();
        app.MapDashboardApi();
        app.MapDashboardJobs();
        app.MapDashboardUi();
        return app;
    }

    /// <summary>Runs until shut down; configuration errors are printed as a list instead of a stack trace.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            await using var app = await CreateAsync(args);
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ConfigurationErrors(ex) is { Count: > 0 } errors)
        {
            await Console.Error.WriteLineAsync("The dashboard's configuration is invalid:");
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync("  - " + error);
            }

            return 2;
        }
        catch (Exception ex) when (StoreDamagedException.Find(ex) is { } damaged)
        {
            // What is wrong and what to do, not a stack trace: the operator's next step is a file operation.
            await Console.Error.WriteLineAsync("The dashboard cannot start: " + damaged.Message);
            return 3;
        }
    }

    internal static IReadOnlyList<string> ConfigurationErrors(Exception ex) => ex switch
    {
        OptionsValidationException single => single.Failures.ToList(),
        AggregateException many => many.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList(),
        _ => [],
    };
}
