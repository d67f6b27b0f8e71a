using Dashboard.Web.Components;
using MudBlazor.Services;

namespace Dashboard.Web.Hosting;

internal static class UiSetup
{
    public static WebApplicationBuilder AddDashboardUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<ThemeState>();
        builder.Services.AddSingleton<Services.SystemStatus>();
        builder.Services.AddTransient<ViewModels.AuditViewModel>();
        builder.Services.AddTransient<ViewModels.TokensViewModel>();
        builder.Services.AddTransient<ViewModels.UsersViewModel>();
        builder.Services.AddTransient<ViewModels.SessionsViewModel>();
        builder.Services.AddTransient<ViewModels.PasswordViewModel>();
        ViewModels.WizardUiServices.AddWizardUi(builder.Services);
        return builder;
    }

    public static IEndpointRouteBuilder MapDashboardUi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return endpoints;
    }
}
