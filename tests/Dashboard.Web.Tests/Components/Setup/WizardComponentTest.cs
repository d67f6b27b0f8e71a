using Bunit;
using Dashboard.Core.Setup.Runs;
using Dashboard.Web.Tests.ViewModels;
using Dashboard.Web.ViewModels.Setup;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Components.Setup;

/// <summary>
/// The shared bUnit context of the wizard's components: MudBlazor with popovers, loose JS interop, an interactive
/// renderer, a fake clock, the real event hub, and a fake backend the tests set the service layer's answers on.
/// </summary>
public abstract class WizardComponentTest : BunitContext, IAsyncLifetime
{
    private readonly Bunit.TestDoubles.BunitAuthorizationContext _auth;

    protected WizardComponentTest()
    {
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<ISetupEvents>(Events);
        Services.AddSingleton<IWizardBackend>(Backend);
        Services.AddTransient<WizardViewModel>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        _auth = AddAuthorization();
    }

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(SetupFakes.T0));

    internal SetupEvents Events { get; } = new();

    internal FakeWizardBackend Backend { get; } = new();

    // After the derived class registered its services: rendering freezes the container.
    Task IAsyncLifetime.InitializeAsync()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        return Task.CompletedTask;
    }

    // MudBlazor's popover service only disposes asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    /// <summary>Signs in with <paramref name="roles"/> (a role includes the ones below it, as in the app).</summary>
    protected void SignIn(params string[] roles)
    {
        _auth.SetAuthorized("admin");
        _auth.SetRoles(roles);
    }
}
