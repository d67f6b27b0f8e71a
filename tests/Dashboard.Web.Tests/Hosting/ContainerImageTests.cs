using System.Text.RegularExpressions;
using Dashboard.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// There is no Docker engine here, so the image's configuration is checked by reading the Dockerfile and the compose
/// file and resolving the settings the container would see in the order ASP.NET Core really applies them.
/// </summary>
public sealed partial class ContainerImageTests
{
    // Set by the mcr.microsoft.com/dotnet/aspnet base image.
    private static readonly Dictionary<string, string> s_baseImageEnvironment = new() { ["ASPNETCORE_HTTP_PORTS"] = "8080", ["APP_UID"] = "1654" };

    [Fact]
    public void Container_Urls_ListensOnAllInterfacesOnTheMappedPort()
    {
        var image = FinalStage();
        var service = DashboardService();
        var environment = new Dictionary<string, string>(s_baseImageEnvironment);
        foreach (var (key, value) in image.Environment.Concat(service.Environment))
        {
            environment[key] = value;
        }

        var urls = ResolveConfiguration(environment, image.EntrypointArguments)["urls"];

        Assert.NotNull(urls);
        var containerPort = int.Parse(service.Ports.Single().Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(urls.Split(';'), url =>
        {
            var match = UrlPattern().Match(url);
            Assert.True(match.Success, url);
            Assert.Contains(match.Groups["host"].Value, new[] { "+", "*", "0.0.0.0", "[::]" });
            Assert.Equal(containerPort, int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
        });
        Assert.Contains(image.Instructions, i => i is ("EXPOSE", var port) && port == containerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ConfigurationModel_AspNetCoreUrlsAlone_LosesToAppSettings()
    {
        // The mistake this guards against, and proof that the model above applies the real precedence.
        Assert.Equal("http://localhost:5080", ResolveConfiguration(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://+:8080" }, [])["urls"]);
        Assert.Equal("http://+:8080", ResolveConfiguration(new Dictionary<string, string> { ["Urls"] = "http://+:8080" }, [])["urls"]);
    }

    [Fact]
    public void Container_DataDirectory_IsAVolumeTheAppUserOwns()
    {
        var image = FinalStage();
        var instructions = image.Instructions;
        Assert.Equal("/data", ResolveConfiguration(image.Environment, image.EntrypointArguments)["Storage:DataDirectory"]);

        // Created and handed to the app user as root, before the volume is declared (later changes would be
        // discarded) and before USER switches away from root.
        var prepare = instructions.FindIndex(i => i.Instruction == "RUN" && i.Arguments.Contains("mkdir -p /data", StringComparison.Ordinal)
            && i.Arguments.Contains("chown $APP_UID /data", StringComparison.Ordinal));
        var volume = instructions.FindIndex(i => i is ("VOLUME", "/data"));
        var user = instructions.FindIndex(i => i is ("USER", "$APP_UID"));
        Assert.True(prepare >= 0, "no RUN that creates /data and gives it to $APP_UID");
        Assert.True(prepare < volume && volume < user, $"order: RUN {prepare}, VOLUME {volume}, USER {user}");
        Assert.Contains(DashboardService().Volumes, v => v.EndsWith(":/data", StringComparison.Ordinal));
    }

    [Fact]
    public void Container_Layout_AppWithTheTopLevelSettingsAndWwwroot()
    {
        var instructions = FinalStage().Instructions;
        Assert.Contains(("WORKDIR", "/app"), instructions);
        Assert.Contains(("COPY", "--from=build /app ."), instructions);
        Assert.Contains(("COPY", "appsettings.json ./appsettings.json"), instructions);
        Assert.Contains(("COPY", "wwwroot/ ./wwwroot/"), instructions);
        Assert.Contains(("ENTRYPOINT", "[\"dotnet\", \"Dashboard.Web.dll\"]"), instructions);
        var dockerfile = File.ReadAllText(RepositoryPaths.Combine("Dockerfile"));
        Assert.Contains("dotnet publish src/Dashboard.Web/Dashboard.Web.csproj -c Release -o /app", dockerfile, StringComparison.Ordinal);
        Assert.True(File.Exists(RepositoryPaths.Combine("src", "Dashboard.Web", "Dashboard.Web.csproj")));

        // The build context must carry what the COPY lines name.
        var ignored = File.ReadAllLines(RepositoryPaths.Combine(".dockerignore")).Select(l => l.Trim().TrimEnd('/'));
        Assert.DoesNotContain("wwwroot", ignored);
        Assert.DoesNotContain("appsettings.json", ignored);
    }

    /// <summary>
    /// The configuration the app would read, with the sources of a real <see cref="WebApplication"/> builder in their
    /// real order and the container's environment in place of this process's.
    /// </summary>
    private static IConfigurationRoot ResolveConfiguration(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        using var real = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = RepositoryPaths.Root, Args = args }).Configuration;
        var model = new ConfigurationBuilder().SetBasePath(RepositoryPaths.Root);
        foreach (var source in ((IConfigurationBuilder)real).Sources)
        {
            switch (source)
            {
                case EnvironmentVariablesConfigurationSource variables:
                    model.AddInMemoryCollection(environment
                        .Where(e => e.Key.StartsWith(variables.Prefix ?? string.Empty, StringComparison.OrdinalIgnoreCase))
                        .Select(e => KeyValuePair.Create(e.Key[(variables.Prefix ?? string.Empty).Length..].Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)));
                    break;
                case JsonConfigurationSource json:
                    model.AddJsonFile(json.Path!, json.Optional);
                    break;
                case CommandLineConfigurationSource:
                    model.AddCommandLine(args);
                    break;
            }
        }

        return model.Build();
    }

    private static Stage FinalStage()
    {
        // Continuation lines joined, comments dropped; the stage after the last FROM is the image.
        var text = Regex.Replace(File.ReadAllText(RepositoryPaths.Combine("Dockerfile")), @"\\\r?\n", " ");
        var all = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2) is [var instruction, var arguments] ? (instruction.ToUpperInvariant(), Regex.Replace(arguments.Trim(), @"\s+", " ")) : (l.ToUpperInvariant(), string.Empty))
            .ToList();
        var instructions = all[all.FindLastIndex(i => i.Item1 == "FROM")..];
        var environment = instructions.Where(i => i.Item1 == "ENV")
            .SelectMany(i => i.Item2.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        var entrypoint = System.Text.Json.JsonSerializer.Deserialize<string[]>(instructions.Single(i => i.Item1 == "ENTRYPOINT").Item2)!;
        return new Stage(instructions, environment, entrypoint.SkipWhile(a => !a.EndsWith(".dll", StringComparison.Ordinal)).Skip(1).ToArray());
    }

    private static Service DashboardService()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(RepositoryPaths.Combine("docker-compose.yml")))
        {
            yaml.Load(reader);
        }

        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var dashboard = (YamlMappingNode)services["dashboard"];
        var environment = ((YamlMappingNode)dashboard["environment"]).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value ?? string.Empty);
        static List<string> Strings(YamlNode node) => ((YamlSequenceNode)node).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        return new Service(environment, Strings(dashboard["ports"]), Strings(dashboard["volumes"]));
    }

    [GeneratedRegex(@"^http://(?<host>[^/]+):(?<port>\d+)/?$")]
    private static partial Regex UrlPattern();

    private sealed record Stage(List<(string Instruction, string Arguments)> Instructions, Dictionary<string, string> Environment, string[] EntrypointArguments);

    private sealed record Service(Dictionary<string, string> Environment, List<string> Ports, List<string> Volumes);
}
