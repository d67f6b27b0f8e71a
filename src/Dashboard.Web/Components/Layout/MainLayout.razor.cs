using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Layout;

public sealed partial class MainLayout
{
    private MudThemeProvider? _themeProvider;
    private PageErrorBoundary? _errorBoundary;
    private bool _drawerOpen = true;
    private bool _ready;

    [Inject]
    public required ThemeState Theme { get; init; }

    // A page that failed is rendered afresh when the user navigates (the layout gets a new body).
    protected override void OnParametersSet() => _errorBoundary?.Reset();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Local storage and the system preference are only reachable once the circuit has a browser.
        if (firstRender && _themeProvider is not null)
        {
            await Theme.LoadAsync(_themeProvider.GetSystemDarkModeAsync);
            _ready = true;
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private Task ToggleThemeAsync() => Theme.ToggleAsync();
}
