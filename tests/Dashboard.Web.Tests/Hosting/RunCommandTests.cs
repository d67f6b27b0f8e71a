using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Dashboard.Testing;
using Dashboard.Web.Testing;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>The README's run command: <c>dotnet run --project src/Dashboard.Web</c> serves the top-level files on 5080.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task RunCommand_FromAnotherDirectory_ContentRootIsTheRepositoryRoot()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "dashboard-run-" + Guid.NewGuid().ToString("N")[..8]);

        // Started from src/, not the repository root: only the csproj's RunWorkingDirectory can make the top-level
        // appsettings.json and wwwroot the app's.
        await using (var app = await DashboardProcess.StartAsync(RepositoryPaths.Combine("src"), "Dashboard.Web", new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Auth:AdminPassword"] = DashboardHost.AdminPassword,
            ["Sandbox:Mode"] = "Off",
        }))
        {
            using var client = app.CreateClient();
            using var ready = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("<form", await client.GetStringAsync("/login"), StringComparison.Ordinal);

            // The top-level wwwroot (app.css exists nowhere else) and the library assets beside it.
            Assert.Equal(await File.ReadAllTextAsync(RepositoryPaths.Combine("wwwroot", "app.css")), await client.GetStringAsync("/app.css"));
            using var mud = await client.GetAsync("/_content/MudBlazor/MudBlazor.min.css");
            Assert.Equal(HttpStatusCode.OK, mud.StatusCode);
            using var login = await DashboardHost.LoginAsync(client);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal("/", login.Headers.Location!.OriginalString);
        }

        Assert.True(File.Exists(Path.Combine(dataDirectory, "dashboard.db")));
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public void RunCommand_Defaults_Port5080AndTheTopLevelFilesOnly()
    {
        var project = XDocument.Load(RepositoryPaths.Combine("src", "Dashboard.Web", "Dashboard.Web.csproj"));
        var runDirectory = project.Descendants("RunWorkingDirectory").Single().Value
            .Replace("$(MSBuildThisFileDirectory)", RepositoryPaths.Combine("src", "Dashboard.Web") + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        Assert.Equal(RepositoryPaths.Root, Path.GetFullPath(runDirectory).TrimEnd(Path.DirectorySeparatorChar));

        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("appsettings.json")));
        Assert.Equal("http://localhost:5080", settings.RootElement.GetProperty("Urls").GetString());
        Assert.Equal("./data", settings.RootElement.GetProperty("Storage").GetProperty("DataDirectory").GetString());

        // One appsettings.json and one wwwroot: a second copy under src/ would silently win or drift.
        Assert.True(File.Exists(RepositoryPaths.Combine("wwwroot", "app.css")));
        Assert.False(Directory.Exists(RepositoryPaths.Combine("src", "Dashboard.Web", "wwwroot")));
        Assert.Empty(Directory.GetFiles(RepositoryPaths.Combine("src", "Dashboard.Web"), "appsettings*.json"));
        Assert.False(File.Exists(RepositoryPaths.Combine("src", "Dashboard.Web", "Properties", "launchSettings.json")));
    }
}
