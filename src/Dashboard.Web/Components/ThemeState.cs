using Dashboard.Web.Logging;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using MudBlazor;

namespace Dashboard.Web.Components;

/// <summary>Light/dark choice per browser, remembered in local storage.</summary>
public sealed class ThemeState(ProtectedLocalStorage storage, ILogger<ThemeState> logger)
{
    private const string Key = "dashboard.theme.dark";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#0f62fe", TextSecondary = "rgba(0,0,0,0.62)", Secondary = "#6929c4", AppbarBackground = "#161616", Background = "#f4f4f4" },
        PaletteDark = new PaletteDark { Primary = "#78a9ff", PrimaryContrastText = "#161616", Secondary = "#be95ff", AppbarBackground = "#161616", Background = "#1e1e1e", Surface = "#262626" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Helvetica", "Arial", "sans-serif"] },
        },
    };

    public bool IsDarkMode { get; private set; }

    /// <summary>Reads the stored choice; without one, the system preference decides.</summary>
    public async Task LoadAsync(Func<Task<bool>> systemPrefersDark)
    {
        ArgumentNullException.ThrowIfNull(systemPrefersDark);
        try
        {
            var stored = await storage.GetAsync<bool>(Key);
            IsDarkMode = stored.Success ? stored.Value : await systemPrefersDark();
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            // A value written under other data protection keys (e.g. a reset data directory): start over.
            WebLog.ThemePreferenceUnreadable(logger, ex);
            await storage.DeleteAsync(Key);
        }
    }

    public async Task ToggleAsync()
    {
        IsDarkMode = !IsDarkMode;
        await storage.SetAsync(Key, IsDarkMode);
    }
}
