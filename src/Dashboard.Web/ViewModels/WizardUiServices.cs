using Dashboard.Core.Targets;
using Dashboard.Web.ViewModels.Overview;
using Dashboard.Web.ViewModels.Setup;
using Dashboard.Web.ViewModels.Targets;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.ViewModels;

/// <summary>Registrations of the setup, targets and overview pages.</summary>
internal static class WizardUiServices
{
    /// <summary>
    /// The seams over the service layer are singletons like the services they wrap; the view models are transient:
    /// one per page instance, holding that page's state.
    /// </summary>
    public static IServiceCollection AddWizardUi(this IServiceCollection services)
    {
        services.TryAddSingleton<KubeconfigFiles>();
        services.TryAddSingleton<IWizardBackend, WizardBackend>();
        services.TryAddSingleton<ITargetsBackend, TargetsBackend>();
        services.AddTransient<WizardViewModel>();
        services.AddTransient<TargetsViewModel>();
        services.AddTransient<OverviewViewModel>();
        return services;
    }
}
