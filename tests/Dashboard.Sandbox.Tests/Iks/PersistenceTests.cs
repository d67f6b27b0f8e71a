using Dashboard.Sandbox.Iks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Sandbox.Tests.Iks;

public sealed class PersistenceTests
{
    [Fact]
    public async Task Restart_KeepsTheCaTheRegistrationsAndTheCounter()
    {
        var directory = Directory.CreateTempSubdirectory("iks-restart-").FullName;
        await using var sandbox = await IksSandbox.StartAsync(directory: directory);
        var root = sandbox.Simulator.RootCertificatePem;
        var (_, first, _) = await sandbox.CallAsync(HttpMethod.Post, "/v1/nlb-dns/clusters/sandbox/register", new { nlbIPArray = new[] { "169.46.62.1" } });
        var firstHost = first!["nlbHost"]!.GetValue<string>();

        var token = await sandbox.TokenAsync();

        await sandbox.RestartSimulatorAsync();

        Assert.Equal(root, sandbox.Simulator.RootCertificatePem);
        Assert.Empty(sandbox.Simulator.StartupWarnings);
        var (status, _, _) = await sandbox.CallAsync(HttpMethod.Get, "/v2/getCluster?cluster=sandbox", token: token);
        Assert.Equal(200, status);
        Assert.Contains(await sandbox.ListAsync(), e => e!["nlbHost"]!.GetValue<string>() == firstHost);
        var (_, second, _) = await sandbox.CallAsync(HttpMethod.Post, "/v1/nlb-dns/clusters/sandbox/register", new { nlbIPArray = new[] { "169.46.62.2" } });
        Assert.EndsWith("-0002.us-south.containers.appdomain.cloud", second!["nlbHost"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DamagedStateFile_IsSetAsideAndReported()
    {
        var directory = Directory.CreateTempSubdirectory("iks-damaged-").FullName;
        var state = Path.Combine(directory, "sandbox", "iks", "state.json");
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        await File.WriteAllTextAsync(state, "{ this is not json");

        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(logs)));
        await using var simulator = new SandboxIksSimulator(IksSandbox.Options(directory, kubeconfig: null), loggerFactory: loggerFactory);
        await simulator.StartAsync(CancellationToken.None);

        var warning = Assert.Single(simulator.StartupWarnings);
        Assert.Contains(state, warning, StringComparison.Ordinal);
        var aside = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(state)!, "state.json.damaged-*"));
        var logged = Assert.Single(logs.GetSnapshot(), r => r.GetStructuredStateValue("AsidePath") is not null);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Equal((state, aside), (logged.GetStructuredStateValue("Path"), logged.GetStructuredStateValue("AsidePath")));
        Assert.False(string.IsNullOrEmpty(logged.GetStructuredStateValue("Problem")));
        Assert.Contains(simulator.Clusters, c => c.Name == SandboxIksDefaults.ClusterName && c.IngressSubdomain.Length > 0);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task DamagedCaFile_IsSetAsideAndANewRootIsCreated()
    {
        var directory = Directory.CreateTempSubdirectory("iks-damaged-ca-").FullName;
        var ca = Path.Combine(directory, "sandbox", "iks", "ca");
        Directory.CreateDirectory(ca);
        await File.WriteAllTextAsync(Path.Combine(ca, "root.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        await File.WriteAllTextAsync(Path.Combine(ca, "root-key.pem"), "garbage");

        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(logs)));
        await using var simulator = new SandboxIksSimulator(IksSandbox.Options(directory, kubeconfig: null), loggerFactory: loggerFactory);
        await simulator.StartAsync(CancellationToken.None);

        Assert.Contains(simulator.StartupWarnings, w => w.Contains("root.pem", StringComparison.Ordinal));
        var logged = Assert.Single(logs.GetSnapshot(), r => r.GetStructuredStateValue("AsidePath") is not null);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Equal((Path.Combine(ca, "root.pem"), "root"), (logged.GetStructuredStateValue("Path"), logged.GetStructuredStateValue("Authority")));
        Assert.StartsWith(Path.Combine(ca, "root.pem"), logged.GetStructuredStateValue("AsidePath"), StringComparison.Ordinal);
        Assert.Contains("Sandbox ISRG Root X1", Dashboard.Certificates.Parsing.PemBundle.Parse(simulator.RootCertificatePem).Entries[0].Summary.Subject, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}
